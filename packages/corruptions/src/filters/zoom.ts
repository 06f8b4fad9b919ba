import { roundHalfEven } from '../pixels';

/** numpy's `np.arange(start, stop, step)` for floats, value for value (start + i * (a[1] - a[0])). */
export function numpyArange(start: number, stop: number, step: number): number[] {
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  return Array.from({ length }, (_, i) => (i === 0 ? start : start + i * delta));
}

export interface Plane {
  readonly data: Float64Array | Float32Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** Where each output pixel of a clipped zoom reads from: four source pixels and two fractions. */
interface ZoomPlan {
  readonly taps: Int32Array; // 4 source pixel indices per output pixel: (r0,c0) (r0,c1) (r1,c0) (r1,c1)
  readonly fx: Float64Array;
  readonly fy: Float64Array;
}

const plans = new Map<string, ZoomPlan>();

function axisMap(nIn: number, nOut: number) {
  const scale = nOut > 1 ? (nIn - 1) / (nOut - 1) : 1;
  const lo = new Int32Array(nOut);
  const hi = new Int32Array(nOut);
  const frac = new Float64Array(nOut);
  for (let k = 0; k < nOut; k++) {
    const c = k * scale;
    const f = Math.floor(c);
    lo[k] = Math.min(f, nIn - 1);
    hi[k] = Math.min(f + 1, nIn - 1);
    frac[k] = c - f;
  }
  return { lo, hi, frac };
}

/**
 * `scipy.ndimage.zoom(crop, (z, z, 1), order=1)` of the centre crop, trimmed, as source
 * taps in image coordinates: output size round(n * z) (half to even, as Python's round),
 * output k sampled at k * (n_in - 1) / (n_out - 1), linear interpolation. Cached per size and factor.
 */
function zoomPlan(width: number, height: number, zoom: number): ZoomPlan {
  const key = `${width}x${height}@${zoom}`;
  let plan = plans.get(key);
  if (plan) return plan;
  const cropH = Math.ceil(height / zoom);
  const cropW = Math.ceil(width / zoom);
  const top = Math.floor((height - cropH) / 2);
  const left = Math.floor((width - cropW) / 2);
  const outH = roundHalfEven(cropH * zoom);
  const outW = roundHalfEven(cropW * zoom);
  const trimTop = Math.floor((outH - height) / 2);
  const trimLeft = Math.floor((outW - width) / 2);
  const ys = axisMap(cropH, outH);
  const xs = axisMap(cropW, outW);
  const taps = new Int32Array(width * height * 4);
  const fx = new Float64Array(width * height);
  const fy = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const oy = trimTop + y;
    const r0 = (top + ys.lo[oy]) * width;
    const r1 = (top + ys.hi[oy]) * width;
    for (let x = 0; x < width; x++) {
      const ox = trimLeft + x;
      const i = y * width + x;
      taps[4 * i] = r0 + left + xs.lo[ox];
      taps[4 * i + 1] = r0 + left + xs.hi[ox];
      taps[4 * i + 2] = r1 + left + xs.lo[ox];
      taps[4 * i + 3] = r1 + left + xs.hi[ox];
      fx[i] = xs.frac[ox];
      fy[i] = ys.frac[oy];
    }
  }
  plan = { taps, fx, fy };
  if (plans.size > 256) plans.clear();
  plans.set(key, plan);
  return plan;
}

/**
 * The reference's `clipped_zoom(img, z)`: crop the centre ceil(n / z) pixels, zoom them by z
 * (scipy, order 1), trim back to the original size. Rows and columns are handled apart
 * (the reference assumes square images).
 */
export function clippedZoom(src: Plane, zoom: number, out: Float64Array | Float32Array = new Float64Array(src.data.length)): Plane {
  const { width, height, channels } = src;
  const { taps, fx, fy } = zoomPlan(width, height, zoom);
  const s = src.data;
  for (let i = 0; i < width * height; i++) {
    const a = taps[4 * i] * channels;
    const b = taps[4 * i + 1] * channels;
    const c = taps[4 * i + 2] * channels;
    const d = taps[4 * i + 3] * channels;
    const wx = fx[i];
    const wy = fy[i];
    for (let ch = 0; ch < channels; ch++) {
      const upper = s[a + ch] * (1 - wx) + s[b + ch] * wx;
      const lower = s[c + ch] * (1 - wx) + s[d + ch] * wx;
      out[i * channels + ch] = upper * (1 - wy) + lower * wy;
    }
  }
  return { data: out, width, height, channels };
}
