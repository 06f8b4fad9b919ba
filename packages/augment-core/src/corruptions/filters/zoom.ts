import { roundHalfEven } from '../pixels';

/** numpy's `np.arange(start, stop, step)` for floats, value for value (start + i * (a[1] - a[0])). */
export function numpyArange(start: number, stop: number, step: number): number[] {
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  return Array.from({ length }, (_, i) => (i === 0 ? start : start + i * delta));
}

export interface Plane {
  readonly data: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/**
 * `scipy.ndimage.zoom(x, (z, z, 1), order=1)` of an HWC array: output size round(n * z)
 * (half to even, as Python's round), sample k of the output at k * (n_in - 1) / (n_out - 1)
 * of the input, linear interpolation.
 */
export function zoomLinear(src: Plane, zoom: number): Plane {
  const { width, height, channels } = src;
  const outW = roundHalfEven(width * zoom);
  const outH = roundHalfEven(height * zoom);
  const mapAxis = (nIn: number, nOut: number) => {
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
  };
  const ys = mapAxis(height, outH);
  const xs = mapAxis(width, outW);
  const data = new Float64Array(outW * outH * channels);
  const s = src.data;
  for (let y = 0; y < outH; y++) {
    const r0 = ys.lo[y] * width;
    const r1 = ys.hi[y] * width;
    const fy = ys.frac[y];
    for (let x = 0; x < outW; x++) {
      const fx = xs.frac[x];
      const a = (r0 + xs.lo[x]) * channels;
      const b = (r0 + xs.hi[x]) * channels;
      const c = (r1 + xs.lo[x]) * channels;
      const d = (r1 + xs.hi[x]) * channels;
      const o = (y * outW + x) * channels;
      for (let ch = 0; ch < channels; ch++) {
        const top = s[a + ch] * (1 - fx) + s[b + ch] * fx;
        const bottom = s[c + ch] * (1 - fx) + s[d + ch] * fx;
        data[o + ch] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { data, width: outW, height: outH, channels };
}

/**
 * The reference's `clipped_zoom(img, z)`: crop the centre ceil(n / z) pixels, zoom them by z
 * (scipy, order 1), trim back to the original size. Rows and columns are handled apart
 * (the reference assumes square images).
 */
export function clippedZoom(src: Plane, zoom: number): Plane {
  const { width, height, channels } = src;
  const cropH = Math.ceil(height / zoom);
  const cropW = Math.ceil(width / zoom);
  const top = Math.floor((height - cropH) / 2);
  const left = Math.floor((width - cropW) / 2);
  const crop = new Float64Array(cropW * cropH * channels);
  for (let y = 0; y < cropH; y++) {
    const from = ((top + y) * width + left) * channels;
    crop.set(src.data.subarray(from, from + cropW * channels), y * cropW * channels);
  }
  const zoomed = zoomLinear({ data: crop, width: cropW, height: cropH, channels }, zoom);
  const trimTop = Math.floor((zoomed.height - height) / 2);
  const trimLeft = Math.floor((zoomed.width - width) / 2);
  const data = new Float64Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const from = ((trimTop + y) * zoomed.width + trimLeft) * channels;
    data.set(zoomed.data.subarray(from, from + width * channels), y * width * channels);
  }
  return { data, width, height, channels };
}
