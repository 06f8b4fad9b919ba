import path from 'node:path';
import { workspaceRoot } from '../workspace-root';

/** The read-only reference fixtures, `../shared/golden` beside the workspace. */
export function goldenDir(): string {
  return path.resolve(workspaceRoot, '..', 'shared', 'golden');
}
