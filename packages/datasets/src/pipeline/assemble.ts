import type { Sample } from './augmenter';
import { DatasetArgumentError } from '../errors';

/** How pixels enter the model: `2x - 1` (the reference's Normalize(0.5, 0.5)) or `x` in [0, 1]. */
export type InputScale = 'signed' | 'unit';

/** One batch on the host, before it becomes tensors. */
export interface HostBatch {
  /** N x H x W x 3 (images) or N x T x H x W x 3 (clips), float32, scaled. */
  readonly xs: Float32Array;
  /** N x numClasses targets (one-hot, smoothed or soft). */
  readonly ys: Float32Array;
  /** Class indices (the hard labels, for accuracy). */
  readonly labels: Int32Array;
  /** Dataset indices of the samples, in batch order. */
  readonly indices: Int32Array;
  /** Shape of xs. */
  readonly shape: readonly number[];
  readonly epoch: number;
  /** Position of the batch in its epoch. */
  readonly batch: number;
}

/** Writes sample `i` into `xs` at its slot, scaled; checks its size. */
export function writeSample(xs: Float32Array, i: number, sample: Sample, itemLength: number, scale: InputScale, where: string): void {
  const src = sample.data;
  if (src.length !== itemLength) {
    throw new DatasetArgumentError(where, `the augmentation returned ${src.length} values, the pipeline's items have ${itemLength}; it must keep the size`);
  }
  const offset = i * itemLength;
  if (src instanceof Uint8Array) {
    const k = scale === 'signed' ? 2 / 255 : 1 / 255;
    const b = scale === 'signed' ? -1 : 0;
    for (let j = 0; j < itemLength; j++) xs[offset + j] = src[j] * k + b;
  } else if (scale === 'signed') {
    for (let j = 0; j < itemLength; j++) xs[offset + j] = src[j] * 2 - 1;
  } else {
    xs.set(src, offset);
  }
}

/** One-hot targets, smoothed: (1 - e) one-hot + e / C. */
export function writeTargets(ys: Float32Array, labels: Int32Array, numClasses: number, smoothing: number): void {
  const off = smoothing / numClasses;
  ys.fill(off);
  for (let i = 0; i < labels.length; i++) ys[i * numClasses + labels[i]] += 1 - smoothing;
}
