const PRECISION_BITS = 32 - 8 - 2;

interface Coefficients {
  readonly bounds: Int32Array; // per output: first input index, count
  readonly weights: Int32Array; // per output: `size` fixed-point weights
  readonly size: number;
}

function boxFilter(x: number): number {
  return x > -0.5 && x <= 0.5 ? 1 : 0;
}

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the BOX filter (libImaging/Resample.c). */
function boxCoefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = 0.5 * filterscale;
  const size = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * size);
  const k = new Float64Array(size);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      k[x] = boxFilter((x + xmin - center + 0.5) * ss);
      ww += k[x];
    }
    for (let x = 0; x < xmax; x++) {
      const w = ww !== 0 ? k[x] / ww : k[x];
      weights[xx * size + x] = Math.trunc(w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { bounds, weights, size };
}

function clip8(v: number): number {
  if (v >= 1 << (PRECISION_BITS + 8)) return 255;
  if (v <= 0) return 0;
  return v >> PRECISION_BITS;
}

/**
 * Pillow's `Image.resize((w, h), Image.BOX)` of an 8-bit RGB image, bit for bit: fixed-point
 * weights, horizontal pass then vertical, each rounded to 8 bits.
 */
export function resizeBox(src: Uint8Array, width: number, height: number, outW: number, outH: number): Uint8Array {
  let cur = src;
  let curW = width;
  if (outW !== width) {
    const co = boxCoefficients(width, outW);
    const tmp = new Uint8Array(outW * height * 3);
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < outW; xx++) {
        const xmin = co.bounds[xx * 2];
        const n = co.bounds[xx * 2 + 1];
        for (let c = 0; c < 3; c++) {
          let ss = 1 << (PRECISION_BITS - 1);
          for (let x = 0; x < n; x++) ss += cur[(y * curW + xmin + x) * 3 + c] * co.weights[xx * co.size + x];
          tmp[(y * outW + xx) * 3 + c] = clip8(ss);
        }
      }
    }
    cur = tmp;
    curW = outW;
  }
  if (outH !== height) {
    const co = boxCoefficients(height, outH);
    const tmp = new Uint8Array(curW * outH * 3);
    for (let yy = 0; yy < outH; yy++) {
      const ymin = co.bounds[yy * 2];
      const n = co.bounds[yy * 2 + 1];
      for (let x = 0; x < curW; x++) {
        for (let c = 0; c < 3; c++) {
          let ss = 1 << (PRECISION_BITS - 1);
          for (let y = 0; y < n; y++) ss += cur[((ymin + y) * curW + x) * 3 + c] * co.weights[yy * co.size + y];
          tmp[(yy * curW + x) * 3 + c] = clip8(ss);
        }
      }
    }
    cur = tmp;
  }
  return cur === src ? Uint8Array.from(src) : cur;
}
