import fs from 'node:fs';
import path from 'node:path';
import type { Seed } from '@vpixmix/augment-core';
import type { AnyDataset, ClipDataset, ImageDataset } from '../dataset';
import { ImageFolderDataset } from '../folders/image-folder';
import { oodFolder } from '../paths';
import { noiseKinds, openNoiseClips, openNoiseImages } from '../synthetic/noise';

/** Items per synthetic anomaly set: a fifth of the test set, as the reference's ood_num_examples = len(test) // 5. */
export function defaultOodLength(test: AnyDataset): number {
  return Math.max(1, Math.floor(test.length / 5));
}

/** Gaussian, Rademacher and Blobs at the size of `test` (clips when it holds clips). */
export function noiseCompanions(test: AnyDataset, length: number, seed?: Seed): Record<string, () => AnyDataset> {
  const out: Record<string, () => AnyDataset> = {};
  for (const kind of noiseKinds) {
    out[kind] = () =>
      test.kind === 'clip'
        ? openNoiseClips({ kind, length, width: test.width, height: test.height, frames: test.frames, seed })
        : openNoiseImages({ kind, length, width: test.width, height: test.height, seed });
  }
  return out;
}

/**
 * Image folders under `<datasets>/ood/` (one folder per set; inside, one subfolder per class
 * or the pictures directly), resized to `width` x `height`: Textures, Places, SVHN as
 * pictures, or your own.
 */
export function folderCompanions(width: number, height: number, env?: NodeJS.ProcessEnv): Record<string, () => ImageDataset> {
  const root = oodFolder(env);
  if (!fs.existsSync(root)) return {};
  const out: Record<string, () => ImageDataset> = {};
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    out[entry.name] = () => ImageFolderDataset.open(path.join(root, entry.name), { width, height, name: `ood/${entry.name}` });
  }
  return out;
}

export type OodRecord<D extends AnyDataset> = Record<string, () => D>;
export type ClipOod = OodRecord<ClipDataset>;
