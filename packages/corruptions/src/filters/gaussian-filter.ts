import { type BorderMode, borderIndex } from '../pixels';

/** numpy's pairwise summation (what `array.sum()` returns, to the last bit). */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = a[start + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let s = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return numpySum(a, start, half) + numpySum(a, start + half, n - half);
}

/** scipy.ndimage's 1-D Gaussian weights: radius `int(truncate * sigma + 0.5)`, normalised. */
export function gaussianKernel1d(sigma: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  if (radius === 0) {
    weights[0] = 1;
    return weights;
  }
  for (let i = -radius; i <= radius; i++) weights[i + radius] = Math.exp((-0.5 / (sigma * sigma)) * i * i);
  const sum = numpySum(weights);
  for (let i = 0; i < weights.length; i++) weights[i] /= sum;
  return weights;
}

/**
 * Correlates `data` (rows x cols x channels, row-major) with symmetric `weights` along one axis
 * (0: down the rows, 1: along a row), with scipy.ndimage's border `mode`.
 */
export function correlateAxis(
  data: Float64Array,
  rows: number,
  cols: number,
  channels: number,
  weights: Float64Array,
  axis: 0 | 1,
  mode: BorderMode,
): Float64Array {
  const out = new Float64Array(data.length);
  const radius = (weights.length - 1) >> 1;
  const index = borderIndex(mode);
  const n = axis === 0 ? rows : cols;
  const step = axis === 0 ? cols * channels : channels;
  // Source offsets of every tap for every position along the axis.
  const taps = new Int32Array(n * weights.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < weights.length; k++) taps[i * weights.length + k] = index(i + k - radius, n) * step;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = axis === 0 ? r : c;
      const base = axis === 0 ? c * channels : r * cols * channels;
      const o = (r * cols + c) * channels;
      const t0 = i * weights.length;
      for (let ch = 0; ch < channels; ch++) {
        // scipy's order for symmetric weights: centre, then (left + right) pairs from the outside in.
        let sum = weights[radius] * data[base + taps[t0 + radius] + ch];
        for (let j = radius; j >= 1; j--) {
          sum += (data[base + taps[t0 + radius - j] + ch] + data[base + taps[t0 + radius + j] + ch]) * weights[radius + j];
        }
        out[o + ch] = sum;
      }
    }
  }
  return out;
}

/**
 * skimage.filters.gaussian / scipy.ndimage.gaussian_filter on the two spatial axes of an
 * HWC array (channels are not mixed), rows first, then columns; `float32` for a float32 input.
 */
export function gaussianFilter(
  data: Float64Array,
  width: number,
  height: number,
  channels: number,
  sigma: number,
  options: { mode?: BorderMode; truncate?: number; float32?: boolean } = {},
): Float64Array {
  if (!(sigma > 1e-15)) return Float64Array.from(data);
  const weights = gaussianKernel1d(sigma, options.truncate ?? 4);
  const mode = options.mode ?? 'nearest';
  const down = correlateAxis(data, height, width, channels, weights, 0, mode);
  // A float32 array keeps its dtype in scipy: each pass's output is stored as float32.
  if (options.float32) for (let i = 0; i < down.length; i++) down[i] = Math.fround(down[i]);
  const out = correlateAxis(down, height, width, channels, weights, 1, mode);
  if (options.float32) for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i]);
  return out;
}
