import { toUint8, type Image, type ImageF32, type ImageU8, type Rng } from '@vpixmix/augment-core';
import { MixingArgumentError } from '../errors';
import { resizeBilinear } from './resize';

/**
 * The side the shorter edge is resized to before cropping to width x height: the reference's
 * Resize(36) before RandomCrop(32) at CIFAR size, i.e. size * 36 / 32 of the larger target side.
 */
export function resizeTarget(width: number, height: number): number {
  return Math.round((Math.max(width, height) * 36) / 32);
}

/** torchvision's Resize(int) output size: the shorter side becomes `shortSide`, the longer keeps the aspect (truncated). */
export function shorterSideSize(width: number, height: number, shortSide: number): { width: number; height: number } {
  return width <= height
    ? { width: shortSide, height: Math.trunc((shortSide * height) / width) }
    : { width: Math.trunc((shortSide * width) / height), height: shortSide };
}

/**
 * Resize (Pillow bilinear, antialiased) so the shorter side is `shortSide`, stored as 8-bit
 * as Pillow stores it. An image already that size is returned as it is.
 */
export function resizeShorterSide(image: Image, shortSide: number): ImageU8 {
  const size = shorterSideSize(image.width, image.height, shortSide);
  if (size.width === image.width && size.height === image.height) return toUint8(image);
  return toUint8(resizeBilinear(image, size.width, size.height));
}

/** The (top, left) of a uniform random crop, drawn as torchvision's RandomCrop: top first, then left. */
export function sampleCrop(rng: Rng, image: { width: number; height: number }, width: number, height: number): { top: number; left: number } {
  if (image.width < width || image.height < height) {
    throw new MixingArgumentError('crop', `cannot crop ${width}x${height} out of ${image.width}x${image.height}`);
  }
  const top = rng.int(0, image.height - height + 1);
  const left = rng.int(0, image.width - width + 1);
  return { top, left };
}

/** The width x height window at (top, left), as float [0, 1]. */
export function crop(image: Image, top: number, left: number, width: number, height: number): ImageF32 {
  const src = image.data;
  const scale = src instanceof Uint8Array ? 1 / 255 : 1;
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    const to = y * width * 3;
    for (let i = 0; i < width * 3; i++) out[to + i] = src[from + i] * scale;
  }
  return { width, height, channels: 3, data: out };
}

/**
 * The reference's mixing-set preprocessing: Resize(size * 36 / 32) then RandomCrop(size),
 * generalised to width x height. `image` may already be resized (a source that resized at load).
 */
export function referencePreprocess(image: Image, width: number, height: number, rng: Rng): ImageF32 {
  const resized = resizeShorterSide(image, resizeTarget(width, height));
  const { top, left } = sampleCrop(rng, resized, width, height);
  return crop(resized, top, left, width, height);
}
