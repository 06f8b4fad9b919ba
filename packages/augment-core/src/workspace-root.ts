import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The workspace root (the folder holding nx.json) above `from`; `fallback` when there is none
 * (else an error saying so). Workers find tsconfig.base.json here; data, runs and caches live here.
 */
export function findWorkspaceRoot(from: string, fallback?: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      if (fallback !== undefined) return fallback;
      throw new Error(`cannot find the workspace root (a folder with nx.json) above ${from}`);
    }
    dir = parent;
  }
  return dir;
}

/** This workspace's root: the one helper every package uses (packages/augment-core/src -> ../../..). */
export const workspaceRoot: string = findWorkspaceRoot(__dirname, path.resolve(__dirname, '..', '..', '..'));
