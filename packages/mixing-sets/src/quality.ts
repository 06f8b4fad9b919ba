import type { Image } from '@vpixmix/augment-core';

function scaleOf(image: Image): number {
  return image.data instanceof Uint8Array ? 1 / 255 : 1;
}

/**
 * Colour variance of a picture: the root of the per-channel pixel variance averaged over
 * R, G, B, in [0, 1] units. A flat picture scores 0; a black/white checkerboard 0.5.
 */
export function colorStd(image: Image): number {
  const { data } = image;
  const pixels = image.width * image.height;
  const scale = scaleOf(image);
  let variance = 0;
  for (let ch = 0; ch < 3; ch++) {
    let sum = 0;
    let sumSq = 0;
    for (let p = 0; p < pixels; p++) {
      const v = data[p * 3 + ch] * scale;
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / pixels;
    variance += Math.max(0, sumSq / pixels - mean * mean);
  }
  return Math.sqrt(variance / 3);
}

/**
 * Share of pixels that differ from `background` (same layout, float [0, 1]) by more than
 * `tolerance` in some channel: the picture's filling rate.
 */
export function nonBackgroundShare(image: Image, background: Float32Array, tolerance = 0.02): number {
  const { data } = image;
  const pixels = image.width * image.height;
  const scale = scaleOf(image);
  let covered = 0;
  for (let p = 0; p < pixels; p++) {
    const at = p * 3;
    if (
      Math.abs(data[at] * scale - background[at]) > tolerance ||
      Math.abs(data[at + 1] * scale - background[at + 1]) > tolerance ||
      Math.abs(data[at + 2] * scale - background[at + 2]) > tolerance
    ) {
      covered++;
    }
  }
  return covered / pixels;
}

/** Mean absolute difference of two equally sized pictures or clips, in [0, 1] units. */
export function meanAbsoluteDifference(a: { data: Uint8Array | Float32Array }, b: { data: Uint8Array | Float32Array }): number {
  if (a.data.length !== b.data.length) throw new RangeError(`cannot compare ${a.data.length} values with ${b.data.length}`);
  const sa = a.data instanceof Uint8Array ? 1 / 255 : 1;
  const sb = b.data instanceof Uint8Array ? 1 / 255 : 1;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] * sa - b.data[i] * sb);
  return sum / a.data.length;
}
