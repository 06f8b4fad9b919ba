import { Rng, type Seed } from '@vpixmix/augment-core';
import type { ClipDataset, ImageDataset } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { GeneratedImageDataset } from './generated';
import { GeneratedClipDataset } from './generated-clips';

/**
 * The synthetic anomaly sets of the Outlier Exposure / PixMix evaluation code, in image
 * space [0, 1] (the reference builds them in model space [-1, 1]; x = (z + 1) / 2):
 * - gaussian: clip(N(0, 0.5), -1, 1) per value  ->  clip(N(0.5, 0.25), 0, 1)
 * - rademacher: 2 Bernoulli(0.5) - 1 per value   ->  {0, 1}
 * - blobs: Bernoulli(0.7) per value of an HxWx3 array, skimage `gaussian(sigma=1.5,
 *   multichannel=False)` (a 3-D blur: across the channel axis too; mode 'nearest', truncate
 *   4), values below 0.75 set to 0.
 */
export const noiseKinds = ['gaussian', 'rademacher', 'blobs'] as const;
export type NoiseKind = (typeof noiseKinds)[number];

function gaussianKernel(sigma: number, truncate = 4): Float32Array {
  const radius = Math.floor(truncate * sigma + 0.5);
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    k[i + radius] = Math.exp((-0.5 * i * i) / (sigma * sigma));
    sum += k[i + radius];
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

const BLOB_KERNEL = gaussianKernel(1.5);

/** Blurs one axis of a C-order (H, W, C) array in place, 'nearest' boundary (scipy.ndimage's mode). */
function blurAxis(data: Float32Array, dims: readonly [number, number, number], axis: 0 | 1 | 2, kernel: Float32Array): void {
  const radius = (kernel.length - 1) / 2;
  const strides = [dims[1] * dims[2], dims[2], 1];
  const n = dims[axis];
  const stride = strides[axis];
  const line = new Float32Array(n);
  const others = (dims[0] * dims[1] * dims[2]) / n;
  for (let o = 0; o < others; o++) {
    // The start of the o-th line along `axis`.
    let start = 0;
    let rest = o;
    for (let a = 2; a >= 0; a--) {
      if (a === axis) continue;
      start += (rest % dims[a]) * strides[a];
      rest = Math.floor(rest / dims[a]);
    }
    for (let i = 0; i < n; i++) line[i] = data[start + i * stride];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = -radius; k <= radius; k++) {
        const j = Math.min(n - 1, Math.max(0, i + k));
        s += kernel[k + radius] * line[j];
      }
      data[start + i * stride] = s;
    }
  }
}

/** One noise picture, float [0, 1] HWC, from `rng`. */
export function noisePicture(kind: NoiseKind, rng: Rng, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  switch (kind) {
    case 'gaussian':
      for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, rng.normal(0.5, 0.25)));
      return out;
    case 'rademacher':
      for (let i = 0; i < out.length; i++) out[i] = rng.bool(0.5) ? 1 : 0;
      return out;
    case 'blobs': {
      for (let i = 0; i < out.length; i++) out[i] = rng.bool(0.7) ? 1 : 0;
      const dims = [height, width, 3] as const;
      for (const axis of [0, 1, 2] as const) blurAxis(out, dims, axis, BLOB_KERNEL);
      for (let i = 0; i < out.length; i++) if (out[i] < 0.75) out[i] = 0;
      return out;
    }
  }
}

/** The stream that draws noise item `index` of set `kind`. */
export function noiseRng(seed: Seed, kind: NoiseKind, index: number): Rng {
  return Rng.seeded(seed, 'noise', kind, index);
}

export interface NoiseSetOptions {
  kind: NoiseKind;
  /** Items in the set. */
  length: number;
  width: number;
  height: number;
  /** Frames per clip: a clip set when given, each frame drawn independently. */
  frames?: number;
  seed?: Seed;
}

export const noiseDefaultSeed = 20223;

/** A Gaussian / Rademacher / Blobs anomaly set of float [0, 1] images, `kind` as its only class. */
export function openNoiseImages(options: Omit<NoiseSetOptions, 'frames'>): ImageDataset {
  const { kind, length, width, height, seed = noiseDefaultSeed } = checkNoise(options);
  return new GeneratedImageDataset(`${kind}`, width, height, length, [kind], () => 0, (i) => noisePicture(kind, noiseRng(seed, kind, i), width, height), (n) => new Float32Array(n));
}

/** The same as clips: every frame an independent noise picture. */
export function openNoiseClips(options: NoiseSetOptions & { frames: number }): ClipDataset {
  const { kind, length, width, height, frames, seed = noiseDefaultSeed } = checkNoise(options);
  const frameSize = width * height * 3;
  return new GeneratedClipDataset(
    `${kind}`,
    width,
    height,
    frames,
    length,
    [kind],
    () => 0,
    (i) => {
      const rng = noiseRng(seed, kind, i);
      const out = new Float32Array(frames * frameSize);
      for (let t = 0; t < frames; t++) out.set(noisePicture(kind, rng, width, height), t * frameSize);
      return out;
    },
    (n) => new Float32Array(n),
  );
}

function checkNoise<O extends Partial<NoiseSetOptions>>(options: O): O & NoiseSetOptions {
  if (!noiseKinds.includes(options.kind as NoiseKind)) {
    throw new DatasetArgumentError('kind', `must be one of ${noiseKinds.join(', ')}, got '${options.kind}'`);
  }
  for (const name of ['length', 'width', 'height', ...(options.frames === undefined ? [] : ['frames'])] as const) {
    const value = options[name as keyof NoiseSetOptions] as number;
    if (!Number.isInteger(value) || value < 1) throw new DatasetArgumentError(name, `must be a positive integer, got ${value}`);
  }
  return options as O & NoiseSetOptions;
}
