import path from 'node:path';
import { workspaceRoot } from '@vpixmix/augment-core';

/** The workspace root (augment-core's helper, re-exported for datasets' users). */
export { workspaceRoot };

/** Environment variable naming the folder that holds every data set (default `<workspace>/datasets`). */
export const dataRootEnv = 'VPIXMIX_DATASETS';

/** Environment variable overriding one data set's folder: `VPIXMIX_DATASET_CIFAR10_C` for `cifar10-c`. */
export function datasetEnvName(name: string): string {
  return `VPIXMIX_DATASET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export interface RootOptions {
  /** Explicit folder of this data set; wins over everything. */
  root?: string;
  /** Environment to read overrides from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The folder that holds every data set: `$VPIXMIX_DATASETS` or `<workspace>/datasets`. */
export function datasetsFolder(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[dataRootEnv];
  return path.resolve(fromEnv && fromEnv.length > 0 ? fromEnv : path.join(workspaceRoot, 'datasets'));
}

/**
 * Where data set `name` lives: `options.root`, else `$VPIXMIX_DATASET_<NAME>`, else
 * `<datasets folder>/<name>`.
 */
export function datasetRoot(name: string, options: RootOptions = {}): string {
  if (options.root) return path.resolve(options.root);
  const env = options.env ?? process.env;
  const specific = env[datasetEnvName(name)];
  if (specific && specific.length > 0) return path.resolve(specific);
  return path.join(datasetsFolder(env), name);
}

/** Where the corruption (-C) or perturbation (-P) companion of data set `name` lives: `<name>-c` / `<name>-p`. */
export function companionName(name: string, kind: 'c' | 'p'): string {
  return `${name}-${kind}`;
}

/** Image folders used as out-of-distribution sets: `<datasets folder>/ood/<set>/<class>/*.png`. */
export function oodFolder(env: NodeJS.ProcessEnv = process.env): string {
  return datasetRoot('ood', { env });
}
