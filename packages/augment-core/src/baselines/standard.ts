import { AugmentArgumentError } from '../errors';
import { assertImage, type Image, type PixelBuffer } from '../image';
import type { Rng } from '../rng';
import { sameKind } from './pixel-buffers';

/** Where the standard CIFAR augmentation cropped and whether it flipped. */
export interface StandardParams {
  readonly flip: boolean;
  /** Top-left of the crop in the zero-padded image. */
  readonly top: number;
  readonly left: number;
  readonly padding: number;
}

/**
 * The reference's CIFAR train transform: RandomHorizontalFlip() then RandomCrop(size, padding=4)
 * (zero padding). Draws in that order: flip (p = 0.5), then the crop's top, then its left.
 */
export function sampleStandard(rng: Rng, _size: { width: number; height: number }, padding = 4, flipProbability = 0.5): StandardParams {
  if (!Number.isInteger(padding) || padding < 0) throw new AugmentArgumentError('padding', `must be an integer >= 0, got ${padding}`);
  const flip = rng.random() < flipProbability;
  const top = rng.int(0, 2 * padding + 1);
  const left = rng.int(0, 2 * padding + 1);
  return { flip, top, left, padding };
}

/** Pure: flips (if asked), pads with zeros, crops back to the original size. Works on 8-bit and float images. */
export function applyStandard<D extends PixelBuffer>(image: Image<D>, params: StandardParams): Image<D> {
  assertImage(image);
  const { width, height } = image;
  const { padding, top, left, flip } = params;
  if (top < 0 || top > 2 * padding || left < 0 || left > 2 * padding) {
    throw new AugmentArgumentError('params', `crop offset (${top}, ${left}) is outside [0, ${2 * padding}]`);
  }
  const src = image.data;
  const out = sameKind(src);
  for (let y = 0; y < height; y++) {
    const sy = y + top - padding;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      // The crop reads the flipped image: column cx of the flip is column width-1-cx of the source.
      const cx = x + left - padding;
      if (cx < 0 || cx >= width) continue;
      const sx = flip ? width - 1 - cx : cx;
      const o = (y * width + x) * 3;
      const s = (sy * width + sx) * 3;
      out[o] = src[s];
      out[o + 1] = src[s + 1];
      out[o + 2] = src[s + 2];
    }
  }
  return { width, height, channels: 3, data: out };
}

export function standardAugment<D extends PixelBuffer>(image: Image<D>, rng: Rng, padding = 4): { image: Image<D>; params: StandardParams } {
  const params = sampleStandard(rng, image, padding);
  return { image: applyStandard(image, params), params };
}
