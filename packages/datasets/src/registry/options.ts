import type { Seed } from '@vpixmix/augment-core';
import type { RootOptions } from '../paths';

/** Everything a recipe may say about opening a data set; each set reads the fields it has. */
export interface OpenOptions extends RootOptions {
  /** Synthetic sets: the data set's own seed. */
  seed?: Seed;
  /** Synthetic sets, UCF101 and folders: item side in pixels. */
  size?: number;
  /** Clip sets: frames per clip. */
  frames?: number;
  /** Synthetic sets: items per split. */
  trainSize?: number;
  testSize?: number;
  /** UCF101: which of the three official splits (1, 2 or 3; default 1). */
  fold?: number;
  /** UCF101: frames between sampled frames (default 1). */
  stride?: number;
  /** UCF101: where decoded clips are cached (default <workspace>/.cache/ucf101). */
  cacheDir?: string;
  /** CIFAR-100: 'fine' (default) or 'coarse' labels. */
  labels?: 'fine' | 'coarse';
  /** Items per Gaussian / Rademacher / Blobs set (default: a fifth of the test set). */
  oodLength?: number;
}
