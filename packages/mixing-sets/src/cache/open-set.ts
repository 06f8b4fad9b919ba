import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { loadImageFolder, type ImageFolderOptions, type ImageFolderSource } from '../sources/image-folder-source';
import { loadMixingSet, type CachedMixingSet } from './load-set';
import { MANIFEST_FILE } from './manifest';
import { mixingSetSpec, writeMixingSet, type WriteMixingSetOptions } from './write-set';

/**
 * The disk cache in one call: generates the set into `folder` unless it is already there
 * (an interrupted run resumes; another set there is a MixingCacheError), then loads it with
 * its manifest checked against these options.
 */
export async function openMixingSet(folder: string, options: WriteMixingSetOptions): Promise<CachedMixingSet> {
  await writeMixingSet(folder, options);
  return loadMixingSet(folder, { expect: mixingSetSpec(options) });
}

/**
 * A folder as a mixing source: a set written by `vpixmix fractals` (it has a manifest.json)
 * is loaded as that set; any other folder is read as PNG/JPEG pictures.
 */
export async function loadMixingFolder(folder: string, options: ImageFolderOptions = {}): Promise<CachedMixingSet | ImageFolderSource> {
  if (existsSync(path.join(folder, MANIFEST_FILE))) return loadMixingSet(folder);
  return loadImageFolder(folder, options);
}
