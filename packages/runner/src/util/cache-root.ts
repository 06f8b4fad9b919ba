import path from 'node:path';
import { workspaceRoot } from '@vpixmix/datasets';

/** Environment variable naming the folder for derived data (generated -C/-P sets, decoded clips). */
export const cacheRootEnv = 'VPIXMIX_CACHE';

/** `$VPIXMIX_CACHE`, else `<workspace>/.cache` (git-ignored). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[cacheRootEnv];
  return path.resolve(fromEnv && fromEnv.length > 0 ? fromEnv : path.join(workspaceRoot, '.cache'));
}
