import { AugmentArgumentError } from '@vpixmix/augment-core';
import { type Image, type ImageU8, assertImage, toUint8 } from '@vpixmix/augment-core';

/** uint8 pixels (any 8-bit view) as float64 in [0, 1]: the reference's `np.array(x) / 255.`. */
export function unitFloat(data: Uint8Array): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return out;
}

/** `np.uint8(np.clip(x, 0, 1) * 255)`: clip, scale, truncate. */
export function unitToBytes(values: ArrayLike<number>, out = new Uint8Array(values.length)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v > 0 ? (v < 1 ? v : 1) * 255 : 0;
  }
  return out;
}

/** `np.uint8(np.clip(x, 0, 255))`: clip to the byte range and truncate. */
export function clampToBytes(values: ArrayLike<number>, out = new Uint8Array(values.length)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v > 0 ? (v < 255 ? v : 255) : 0;
  }
  return out;
}

/** The image as 8-bit (float images are rounded to bytes, as saving them would). */
export function asBytes(image: Image): ImageU8 {
  assertImage(image);
  return toUint8(image);
}

export function wrapImage(width: number, height: number, data: Uint8Array): ImageU8 {
  return { width, height, channels: 3, data };
}

/** OpenCV's BORDER_REFLECT_101 (gfedcb|abcdefgh|gfedcba), for any index. */
export function reflect101(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - k;
}

/** scipy.ndimage's 'reflect' (dcba|abcd|dcba, the edge repeated), for any index. */
export function reflectHalf(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - 1 - k;
}

/** Edge replication ('nearest' in scipy, 'edge' in ImageMagick). */
export function clampIndex(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

export type BorderMode = 'nearest' | 'reflect' | 'reflect101';

export function borderIndex(mode: BorderMode): (i: number, n: number) => number {
  switch (mode) {
    case 'nearest':
      return clampIndex;
    case 'reflect':
      return reflectHalf;
    case 'reflect101':
      return reflect101;
    default:
      throw new AugmentArgumentError('border mode', `unknown mode ${String(mode)}`);
  }
}

/** Python's round(): half to even (numpy's and OpenCV's cvRound do the same). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
