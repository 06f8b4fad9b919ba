import { canny } from './canny';
import { reflect101, roundHalfEven } from '../pixels';

/** cv2.distanceTransform(src, DIST_L2, 5): 5x5 chamfer distance (1, 1.4, 2.1969) to the nearest zero pixel. */
export function chamferDistance5(src: Uint8Array, width: number, height: number): Float32Array {
  const SHIFT = 16;
  const A = roundHalfEven(1 * 2 ** SHIFT);
  const B = roundHalfEven(1.4 * 2 ** SHIFT);
  const C = roundHalfEven(2.1969 * 2 ** SHIFT);
  const FAR = Math.floor(2147483647 / 4);
  const pad = 2;
  const pw = width + 2 * pad;
  const d = new Float64Array(pw * (height + 2 * pad)).fill(FAR);
  const idx = (x: number, y: number) => (y + pad) * pw + x + pad;
  const forward: [number, number, number][] = [
    [-1, -2, C], [1, -2, C], [-2, -1, C], [-1, -1, B], [0, -1, A], [1, -1, B], [2, -1, C], [-1, 0, A],
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (src[y * width + x] === 0) {
        d[idx(x, y)] = 0;
        continue;
      }
      let best = FAR;
      for (const [ox, oy, w] of forward) best = Math.min(best, d[idx(x + ox, y + oy)] + w);
      d[idx(x, y)] = best;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      let best = d[idx(x, y)];
      for (const [ox, oy, w] of forward) best = Math.min(best, d[idx(x - ox, y - oy)] + w);
      d[idx(x, y)] = best;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = Math.fround(d[idx(x, y)] * (1 / 2 ** SHIFT));
  return out;
}

/** cv2.blur(src, (3, 3)): 3x3 mean, reflect-101 border, in float. */
function boxMean3(src: ArrayLike<number>, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let oy = -1; oy <= 1; oy++) for (let ox = -1; ox <= 1; ox++) s += src[reflect101(y + oy, height) * width + reflect101(x + ox, width)];
      out[y * width + x] = s / 9;
    }
  }
  return out;
}

/**
 * cv2.equalizeHist on an 8-bit single channel image. OpenCV computes the scale and each
 * `sum * scale` in float32 (`float scale = (hist_sz - 1.f) / (total - hist[i])`), then rounds
 * half to even: so do we (Math.fround), as float64 rounds some levels the other way
 * (29 * 255/986 is 7.500000000000001 in float64 but 7.4999995 in float32).
 */
export function equalizeHist(src: Uint8Array): Uint8Array {
  const hist = new Int32Array(256);
  for (const v of src) hist[v]++;
  let first = 0;
  while (first < 256 && hist[first] === 0) first++;
  const total = src.length;
  const out = new Uint8Array(src.length);
  if (hist[first] === total) return out.fill(first);
  const scale = Math.fround(255 / (total - hist[first]));
  const lut = new Uint8Array(256);
  let sum = 0;
  for (let j = first + 1; j < 256; j++) {
    sum += hist[j];
    lut[j] = Math.min(255, roundHalfEven(Math.fround(sum * scale)));
  }
  for (let i = 0; i < src.length; i++) out[i] = lut[src[i]];
  return out;
}

const EMBOSS = [-2, -1, 0, -1, 1, 1, 0, 1, 2];

/**
 * The reference spatter's water mask: from the thresholded liquid layer (bytes), the
 * distance to the liquid's Canny edges, capped at 20, blurred, equalised, embossed and
 * blurred again, times the liquid; scaled so its maximum is `strength`. Returns one weight
 * per pixel (0 where there is no water), or undefined when there is no water at all.
 */
export function waterMask(liquidBytes: Uint8Array, width: number, height: number, strength: number): Float64Array | undefined {
  const edges = canny(liquidBytes, width, height, 50, 150);
  const notEdge = edges.map((v) => 255 - v);
  const dist = chamferDistance5(notEdge, width, height);
  for (let i = 0; i < dist.length; i++) dist[i] = Math.min(dist[i], 20);
  const blurred = boxMean3(dist, width, height);
  const bytes = Uint8Array.from(blurred, (v) => Math.trunc(Math.fround(v)));
  const equalized = equalizeHist(bytes);
  const embossed = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = 0; k < 9; k++) s += EMBOSS[k] * equalized[reflect101(y + Math.floor(k / 3) - 1, height) * width + reflect101(x + (k % 3) - 1, width)];
      embossed[y * width + x] = s < 0 ? 0 : s > 255 ? 255 : s;
    }
  }
  const smooth = boxMean3(embossed, width, height);
  const mask = new Float64Array(width * height);
  let max = 0;
  for (let i = 0; i < mask.length; i++) {
    mask[i] = Math.fround(liquidBytes[i] * Math.min(255, roundHalfEven(smooth[i])));
    if (mask[i] > max) max = mask[i];
  }
  // No water anywhere: the reference divides 0 by 0 here (see SpatterWithoutWater).
  if (max === 0) return undefined;
  for (let i = 0; i < mask.length; i++) mask[i] = (mask[i] / max) * strength;
  return mask;
}

/** `(liquid * 255).astype(np.uint8)`: truncate, wrapping modulo 256 as numpy does on x86. */
export function liquidToBytes(liquid: Float64Array): Uint8Array {
  return Uint8Array.from(liquid, (v) => Math.trunc(v * 255) & 255);
}
