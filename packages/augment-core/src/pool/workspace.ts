import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root (the folder holding nx.json) above `from`. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the workspace root (a folder with nx.json) above ${from}`);
    dir = parent;
  }
  return dir;
}
