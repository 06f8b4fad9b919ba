import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root (the folder holding nx.json), found from this file. */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the workspace root (nx.json) above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** The read-only reference fixtures, `../shared/golden` beside the workspace. */
export function goldenDir(): string {
  return path.resolve(workspaceRoot(), '..', 'shared', 'golden');
}
