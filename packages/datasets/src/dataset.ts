import type { Clip, Image, Rng } from '@vpixmix/augment-core';
import { DatasetArgumentError } from './errors';

/** What every data set says about itself. */
export interface DatasetInfo {
  /** e.g. 'cifar10/train', 'shapes/test', 'cifar10-c/fog/3'. */
  readonly name: string;
  readonly length: number;
  readonly numClasses: number;
  /** `classNames[label]`; length `numClasses`. */
  readonly classNames: readonly string[];
  /** Every item has this size (readers resize or crop to it). */
  readonly width: number;
  readonly height: number;
}

export interface LabeledImage {
  /** uint8 for real data; float [0, 1] where the source is continuous (Gaussian noise). */
  readonly image: Image;
  /** Class index in [0, numClasses). */
  readonly label: number;
}

export interface LabeledClip {
  readonly clip: Clip;
  readonly label: number;
}

/** Images with labels, random access, synchronous (the data is in memory or read with readSync). */
export interface ImageDataset extends DatasetInfo {
  readonly kind: 'image';
  item(index: number): LabeledImage;
  /** The label alone, without reading pixels. */
  label(index: number): number;
}

export interface ClipReadOptions {
  /**
   * Drives random temporal (and spatial) sampling for training. Without it the read is
   * deterministic: the centre clip, as evaluation uses.
   */
  readonly rng?: Rng;
}

/** Clips with labels, random access, asynchronous (videos decode through ffmpeg). */
export interface ClipDataset extends DatasetInfo {
  readonly kind: 'clip';
  /** Frames per clip (T); every clip is T x height x width x 3. */
  readonly frames: number;
  item(index: number, options?: ClipReadOptions): Promise<LabeledClip>;
  label(index: number): number;
}

export type AnyDataset = ImageDataset | ClipDataset;
export type DatasetKind = AnyDataset['kind'];

/** A data set with its splits and out-of-distribution companions, as a recipe names it. */
export interface DatasetSuite<D extends AnyDataset = AnyDataset> {
  /** Registry name: 'cifar10', 'cifar100', 'ucf101', 'shapes', 'motion', ... */
  readonly name: string;
  readonly kind: D['kind'];
  readonly train: D;
  readonly test: D;
  /**
   * Out-of-distribution sets by name ('gaussian', 'rademacher', 'blobs', 'held-out', and
   * image folders found under datasets/ood/), built on first use. Their labels are their
   * own, never classes of the in-distribution set.
   */
  readonly ood: Readonly<Record<string, () => D>>;
}

/** Throws DatasetArgumentError for an index outside [0, length). */
export function checkIndex(dataset: DatasetInfo, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.length) {
    throw new DatasetArgumentError(`${dataset.name} index`, `must be an integer in [0, ${dataset.length - 1}], got ${index}`);
  }
}
