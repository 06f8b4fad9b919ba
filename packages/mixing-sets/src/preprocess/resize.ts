import type { Image, ImageF32 } from '@vpixmix/augment-core';
import { MixingArgumentError } from '../errors';

/** Pillow's bilinear (triangle) filter. */
function triangle(x: number): number {
  const a = x < 0 ? -x : x;
  return a < 1 ? 1 - a : 0;
}

/** Per output index: first input index, tap count, and normalised weights (maxTaps per row). */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Float64Array;
  maxTaps: number;
}

/**
 * Pillow's resampling coefficients (ImagingResample): output pixel i is centred on input
 * coordinate (i + 0.5) * scale; when shrinking, the filter's support widens by the scale,
 * which antialiases, as torchvision's Resize on PIL images does.
 */
function computeTaps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // the triangle's support is 1
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const lo = Math.max(Math.trunc(center - support + 0.5), 0);
    const hi = Math.min(Math.trunc(center + support + 0.5), inSize);
    let total = 0;
    for (let x = lo; x < hi; x++) {
      const w = triangle((x - center + 0.5) / filterScale);
      weights[i * maxTaps + x - lo] = w;
      total += w;
    }
    if (total > 0) for (let k = 0; k < hi - lo; k++) weights[i * maxTaps + k] /= total;
    first[i] = lo;
    count[i] = hi - lo;
  }
  return { first, count, weights, maxTaps };
}

/**
 * Bilinear resize with Pillow's antialiasing, in float: horizontal pass, then vertical.
 * Input uint8 [0, 255] or float [0, 1]; output float [0, 1] (round it with `toUint8` to get
 * what Pillow's 8-bit resize stores, within one level).
 */
export function resizeBilinear(image: Image, width: number, height: number): ImageF32 {
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new MixingArgumentError('size', `must be positive integers, got ${width}x${height}`);
  }
  const scale = image.data instanceof Uint8Array ? 1 / 255 : 1;
  const src = image.data;
  const inW = image.width;
  const inH = image.height;
  const horizontal = computeTaps(inW, width);
  const rows = new Float32Array(inH * width * 3);
  for (let y = 0; y < inH; y++) {
    for (let x = 0; x < width; x++) {
      const lo = horizontal.first[x];
      const n = horizontal.count[x];
      const base = x * horizontal.maxTaps;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < n; k++) {
        const w = horizontal.weights[base + k];
        const at = (y * inW + lo + k) * 3;
        r += w * src[at];
        g += w * src[at + 1];
        b += w * src[at + 2];
      }
      const to = (y * width + x) * 3;
      rows[to] = r * scale;
      rows[to + 1] = g * scale;
      rows[to + 2] = b * scale;
    }
  }
  const vertical = computeTaps(inH, height);
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const lo = vertical.first[y];
    const n = vertical.count[y];
    const base = y * vertical.maxTaps;
    for (let k = 0; k < n; k++) {
      const w = vertical.weights[base + k];
      const from = (lo + k) * width * 3;
      const to = y * width * 3;
      for (let i = 0; i < width * 3; i++) out[to + i] += w * rows[from + i];
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i] < 0 ? 0 : out[i] > 1 ? 1 : out[i];
  return { width, height, channels: 3, data: out };
}
