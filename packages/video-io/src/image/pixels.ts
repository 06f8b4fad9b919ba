import type { Image, ImageU8 } from '@vpixmix/augment-core';
import { toUint8 } from '@vpixmix/augment-core';
import { VideoIoArgumentError } from '../errors';

export type Rgb = readonly [number, number, number];

/**
 * RGBA bytes -> RGB image. Without `background` alpha is dropped (Pillow's `convert('RGB')`, which
 * the reference's image loaders use); with it, pixels are composited over that colour:
 * `round((c*a + bg*(255-a)) / 255)`.
 */
export function rgbaToRgb(width: number, height: number, rgba: Uint8Array, background?: Rgb): ImageU8 {
  const n = width * height;
  const out = new Uint8Array(n * 3);
  if (background === undefined) {
    for (let p = 0; p < n; p++) {
      out[p * 3] = rgba[p * 4];
      out[p * 3 + 1] = rgba[p * 4 + 1];
      out[p * 3 + 2] = rgba[p * 4 + 2];
    }
  } else {
    for (let p = 0; p < n; p++) {
      const a = rgba[p * 4 + 3];
      for (let c = 0; c < 3; c++) out[p * 3 + c] = Math.round((rgba[p * 4 + c] * a + background[c] * (255 - a)) / 255);
    }
  }
  return { width, height, channels: 3, data: out };
}

export function rgbToRgba(rgb: Uint8Array): Uint8Array {
  const n = rgb.length / 3;
  const out = new Uint8Array(n * 4);
  for (let p = 0; p < n; p++) {
    out[p * 4] = rgb[p * 3];
    out[p * 4 + 1] = rgb[p * 3 + 1];
    out[p * 4 + 2] = rgb[p * 3 + 2];
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Bytes of any image: uint8 as is, float [0, 1] clipped and rounded (augment-core's `toUint8`). */
export function imageBytes(image: Image, argument = 'image'): ImageU8 {
  if ((image.channels as number) !== 3 || image.data.length !== image.width * image.height * 3) {
    throw new VideoIoArgumentError(
      argument,
      `must be a ${image.width}x${image.height} RGB image (channels 3, ${image.width * image.height * 3} values); ` +
        `got channels ${image.channels} and ${image.data.length} values`,
    );
  }
  return toUint8(image);
}

/** Nearest-neighbour enlargement by an integer factor, for looking at small images (32x32) in previews. */
export function enlarge(image: ImageU8, factor: number): ImageU8 {
  if (!Number.isInteger(factor) || factor < 1) throw new VideoIoArgumentError('scale', `must be an integer >= 1, got ${factor}`);
  if (factor === 1) return image;
  const width = image.width * factor;
  const height = image.height * factor;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor(y / factor);
    for (let x = 0; x < width; x++) {
      const s = (sy * image.width + Math.floor(x / factor)) * 3;
      const d = (y * width + x) * 3;
      out[d] = image.data[s];
      out[d + 1] = image.data[s + 1];
      out[d + 2] = image.data[s + 2];
    }
  }
  return { width, height, channels: 3, data: out };
}
