import path from 'node:path';
import { workspaceRoot } from '../pool/workspace';

/** The read-only reference fixtures, `../shared/golden` beside the workspace. */
export function goldenDir(): string {
  return path.resolve(workspaceRoot(__dirname), '..', 'shared', 'golden');
}
