/**
 * A JPEG save-and-reload as Pillow does it with libjpeg-turbo (baseline, `quality`, 4:2:0
 * chroma, ISLOW integer DCT, fancy upsampling), computed directly: colour conversion,
 * chroma downsampling, forward DCT, quantisation, dequantisation, inverse DCT, upsampling
 * and colour conversion are the library's integer arithmetic; entropy coding is lossless
 * and skipped. Checked bit-exact against Pillow 9.4 / libjpeg-turbo 2.1 (see the README).
 */

const LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

/** jpeg_quality_scaling + jpeg_add_quant_table (force_baseline). */
export function quantTable(base: readonly number[], quality: number): Int32Array {
  const q = Math.min(100, Math.max(1, Math.trunc(quality)));
  const scale = q < 50 ? Math.trunc(5000 / q) : 200 - q * 2;
  return Int32Array.from(base, (b) => Math.min(255, Math.max(1, Math.trunc((b * scale + 50) / 100))));
}

/** libjpeg-turbo's compute_reciprocal: the divide-by-multiply constants for divisor `d`. */
interface Divisor {
  recip: number;
  corr: number;
  shift: number;
}

function reciprocal(d: number): Divisor {
  if (d <= 1) return { recip: 1, corr: 0, shift: 0 };
  const b = 31 - Math.clz32(d);
  let r = 16 + b;
  let fq = Math.floor(2 ** r / d);
  const fr = 2 ** r % d;
  let c = Math.floor(d / 2);
  if (fr === 0) {
    fq = Math.floor(fq / 2);
    r--;
  } else if (fr <= Math.floor(d / 2)) {
    c++;
  } else {
    fq++;
  }
  return { recip: fq, corr: c, shift: r };
}

const F0298 = 2446;
const F0390 = 3196;
const F0541 = 4433;
const F0765 = 6270;
const F0899 = 7373;
const F1175 = 9633;
const F1501 = 12299;
const F1847 = 15137;
const F1961 = 16069;
const F2053 = 16819;
const F2562 = 20995;
const F3072 = 25172;

function descale(x: number, n: number): number {
  return Math.floor((x + 2 ** (n - 1)) / 2 ** n);
}

/** jfdctint.c (CONST_BITS 13, PASS1_BITS 2), in place; output scaled by 8. */
function fdctIslow(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const stride = pass === 0 ? 8 : 1; // pass 0 rows (elements step 1), pass 1 columns (step 8)
    const step = pass === 0 ? 1 : 8;
    for (let k = 0; k < 8; k++) {
      const o = k * stride;
      const p0 = d[o];
      const p1 = d[o + step];
      const p2 = d[o + 2 * step];
      const p3 = d[o + 3 * step];
      const p4 = d[o + 4 * step];
      const p5 = d[o + 5 * step];
      const p6 = d[o + 6 * step];
      const p7 = d[o + 7 * step];
      const tmp0 = p0 + p7;
      let tmp7 = p0 - p7;
      const tmp1 = p1 + p6;
      let tmp6 = p1 - p6;
      const tmp2 = p2 + p5;
      let tmp5 = p2 - p5;
      const tmp3 = p3 + p4;
      let tmp4 = p3 - p4;
      const tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      const tmp11 = tmp1 + tmp2;
      const tmp12 = tmp1 - tmp2;
      const evenShift = pass === 0 ? 13 - 2 : 13 + 2;
      if (pass === 0) {
        d[o] = (tmp10 + tmp11) * 4;
        d[o + 4 * step] = (tmp10 - tmp11) * 4;
      } else {
        d[o] = descale(tmp10 + tmp11, 2);
        d[o + 4 * step] = descale(tmp10 - tmp11, 2);
      }
      let z1 = (tmp12 + tmp13) * F0541;
      d[o + 2 * step] = descale(z1 + tmp13 * F0765, evenShift);
      d[o + 6 * step] = descale(z1 + tmp12 * -F1847, evenShift);
      z1 = tmp4 + tmp7;
      let z2 = tmp5 + tmp6;
      let z3 = tmp4 + tmp6;
      let z4 = tmp5 + tmp7;
      const z5 = (z3 + z4) * F1175;
      tmp4 *= F0298;
      tmp5 *= F2053;
      tmp6 *= F3072;
      tmp7 *= F1501;
      z1 *= -F0899;
      z2 *= -F2562;
      z3 *= -F1961;
      z4 *= -F0390;
      z3 += z5;
      z4 += z5;
      d[o + 7 * step] = descale(tmp4 + z1 + z3, evenShift);
      d[o + 5 * step] = descale(tmp5 + z2 + z4, evenShift);
      d[o + 3 * step] = descale(tmp6 + z2 + z3, evenShift);
      d[o + step] = descale(tmp7 + z1 + z4, evenShift);
    }
  }
}

function rangeLimit(v: number): number {
  // IDCT_range_limit: wrap to 10 bits, then clamp v + 128 to a byte.
  const w = ((((v & 1023) ^ 512) - 512) + 128) | 0;
  return w < 0 ? 0 : w > 255 ? 255 : w;
}

/**
 * One 1-D pass of jidctint.c over 8 values `src[s + k * step]`, written to `dst[d + k * dstep]`
 * descaled by `shift` bits (11 for the column pass, 18 for the row pass). When every AC input
 * is 0 the library takes a shortcut; it gives the same numbers, so it is not repeated here.
 */
function idct1d(src: Float64Array, s: number, step: number, dst: Float64Array, d: number, dstep: number, shift: number): void {
  let z2 = src[s + 2 * step];
  let z3 = src[s + 6 * step];
  let z1 = (z2 + z3) * F0541;
  let tmp2 = z1 + z3 * -F1847;
  let tmp3 = z1 + z2 * F0765;
  z2 = src[s];
  z3 = src[s + 4 * step];
  let tmp0 = (z2 + z3) * 8192;
  let tmp1 = (z2 - z3) * 8192;
  const tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  const tmp11 = tmp1 + tmp2;
  const tmp12 = tmp1 - tmp2;
  tmp0 = src[s + 7 * step];
  tmp1 = src[s + 5 * step];
  tmp2 = src[s + 3 * step];
  tmp3 = src[s + step];
  z1 = tmp0 + tmp3;
  z2 = tmp1 + tmp2;
  z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * F1175;
  tmp0 *= F0298;
  tmp1 *= F2053;
  tmp2 *= F3072;
  tmp3 *= F1501;
  z1 *= -F0899;
  z2 *= -F2562;
  z3 *= -F1961;
  z4 *= -F0390;
  z3 += z5;
  z4 += z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  dst[d] = descale(tmp10 + tmp3, shift);
  dst[d + 7 * dstep] = descale(tmp10 - tmp3, shift);
  dst[d + dstep] = descale(tmp11 + tmp2, shift);
  dst[d + 6 * dstep] = descale(tmp11 - tmp2, shift);
  dst[d + 2 * dstep] = descale(tmp12 + tmp1, shift);
  dst[d + 5 * dstep] = descale(tmp12 - tmp1, shift);
  dst[d + 3 * dstep] = descale(tmp13 + tmp0, shift);
  dst[d + 4 * dstep] = descale(tmp13 - tmp0, shift);
}

/** jidctint.c (CONST_BITS 13, PASS1_BITS 2) on dequantised coefficients `c` (natural order); writes 8x8 bytes. */
function idctIslow(c: Float64Array, out: Uint8Array, outOffset: number, outStride: number, ws: Float64Array, row: Float64Array): void {
  for (let col = 0; col < 8; col++) idct1d(c, col, 8, ws, col, 8, 11);
  for (let r = 0; r < 8; r++) {
    idct1d(ws, r * 8, 1, row, 0, 1, 18);
    const o = outOffset + r * outStride;
    for (let k = 0; k < 8; k++) out[o + k] = rangeLimit(row[k]);
  }
}

/** FDCT, quantise, dequantise and IDCT every 8x8 block of a padded plane, in place. */
function compressPlane(plane: Uint8Array, width: number, height: number, table: Int32Array): void {
  const divisors = Array.from(table, (q) => reciprocal(q * 8));
  const block = new Float64Array(64);
  const coef = new Float64Array(64);
  const ws = new Float64Array(64);
  const row = new Float64Array(8);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) block[r * 8 + c] = plane[(by + r) * width + bx + c] - 128;
      fdctIslow(block);
      for (let i = 0; i < 64; i++) {
        const { recip, corr, shift } = divisors[i];
        const t = block[i];
        const q = t < 0 ? -Math.floor(((-t + corr) * recip) / 2 ** shift) : Math.floor(((t + corr) * recip) / 2 ** shift);
        coef[i] = q * table[i];
      }
      idctIslow(coef, plane, by * width + bx, width, ws, row);
    }
  }
}

/** Copies `src` (w x h) into a pw x ph plane, replicating the last column and row. */
function padPlane(src: Uint8Array, w: number, h: number, pw: number, ph: number): Uint8Array {
  const out = new Uint8Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    const sy = Math.min(y, h - 1) * w;
    for (let x = 0; x < pw; x++) out[y * pw + x] = src[sy + Math.min(x, w - 1)];
  }
  return out;
}

/** jcsample.c h2v2_downsample: 2x2 mean with the alternating 1, 2 rounding bias. */
function downsample2x2(src: Uint8Array, pw: number, ph: number): Uint8Array {
  const cw = pw / 2;
  const out = new Uint8Array(cw * (ph / 2));
  for (let y = 0; y < ph / 2; y++) {
    let bias = 1;
    for (let x = 0; x < cw; x++) {
      const a = (2 * y) * pw + 2 * x;
      out[y * cw + x] = (src[a] + src[a + 1] + src[a + pw] + src[a + pw + 1] + bias) >> 2;
      bias ^= 3;
    }
  }
  return out;
}

/** jdsample.c h2v2_fancy_upsample over the cw x ch samples that cover the image (edges replicated). */
function upsampleFancy(src: Uint8Array, stride: number, cw: number, ch: number): Uint8Array {
  const ow = cw * 2;
  const out = new Uint8Array(ow * ch * 2);
  if (cw <= 2) {
    for (let y = 0; y < ch * 2; y++) for (let x = 0; x < ow; x++) out[y * ow + x] = src[(y >> 1) * stride + (x >> 1)];
    return out;
  }
  const colsum = new Int32Array(cw);
  for (let y = 0; y < ch; y++) {
    for (let v = 0; v < 2; v++) {
      const near = y * stride;
      const farRow = v === 0 ? Math.max(y - 1, 0) : Math.min(y + 1, ch - 1);
      const far = farRow * stride;
      for (let x = 0; x < cw; x++) colsum[x] = src[near + x] * 3 + src[far + x];
      const o = (2 * y + v) * ow;
      out[o] = (colsum[0] * 4 + 8) >> 4;
      out[o + 1] = (colsum[0] * 3 + colsum[1] + 7) >> 4;
      for (let x = 1; x < cw - 1; x++) {
        out[o + 2 * x] = (colsum[x] * 3 + colsum[x - 1] + 8) >> 4;
        out[o + 2 * x + 1] = (colsum[x] * 3 + colsum[x + 1] + 7) >> 4;
      }
      const last = cw - 1;
      out[o + 2 * last] = (colsum[last] * 3 + colsum[last - 1] + 8) >> 4;
      out[o + 2 * last + 1] = (colsum[last] * 4 + 7) >> 4;
    }
  }
  return out;
}

const FIX = (x: number) => Math.floor(x * 65536 + 0.5);
const HALF = 1 << 15;
const CR_R = Int32Array.from({ length: 256 }, (_, i) => Math.floor((FIX(1.402) * (i - 128) + HALF) / 65536));
const CB_B = Int32Array.from({ length: 256 }, (_, i) => Math.floor((FIX(1.772) * (i - 128) + HALF) / 65536));
const CR_G = Float64Array.from({ length: 256 }, (_, i) => -FIX(0.71414) * (i - 128));
const CB_G = Float64Array.from({ length: 256 }, (_, i) => -FIX(0.34414) * (i - 128) + HALF);

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

export type ChromaSubsampling = '4:2:0' | '4:4:4';

/** The bytes Pillow hands back after `img.save(buf, 'JPEG', quality=q)` and `Image.open(buf)`. */
export function jpegRoundTrip(src: Uint8Array, width: number, height: number, quality: number, subsampling: ChromaSubsampling = '4:2:0'): Uint8Array {
  const n = width * height;
  const y = new Uint8Array(n);
  const cb = new Uint8Array(n);
  const cr = new Uint8Array(n);
  const [ry, gy, by] = [FIX(0.299), FIX(0.587), FIX(0.114)];
  const [rcb, gcb, bcb] = [FIX(0.16874), FIX(0.33126), FIX(0.5)];
  const [gcr, bcr] = [FIX(0.41869), FIX(0.08131)];
  const offset = (128 << 16) + HALF - 1;
  for (let i = 0; i < n; i++) {
    const r = src[3 * i];
    const g = src[3 * i + 1];
    const b = src[3 * i + 2];
    y[i] = (ry * r + gy * g + by * b + HALF) >> 16;
    cb[i] = (-rcb * r - gcb * g + bcb * b + offset) >> 16;
    cr[i] = (bcb * r - gcr * g - bcr * b + offset) >> 16;
  }
  const lum = quantTable(LUMINANCE, quality);
  const chrom = quantTable(CHROMINANCE, quality);
  const mcu = subsampling === '4:2:0' ? 16 : 8;
  const pw = Math.ceil(width / mcu) * mcu;
  const ph = Math.ceil(height / mcu) * mcu;
  const yp = padPlane(y, width, height, pw, ph);
  compressPlane(yp, pw, ph, lum);
  let cbUp: Uint8Array;
  let crUp: Uint8Array;
  let upStride: number;
  if (subsampling === '4:2:0') {
    const cbs = downsample2x2(padPlane(cb, width, height, pw, ph), pw, ph);
    const crs = downsample2x2(padPlane(cr, width, height, pw, ph), pw, ph);
    compressPlane(cbs, pw / 2, ph / 2, chrom);
    compressPlane(crs, pw / 2, ph / 2, chrom);
    const cw = Math.ceil(width / 2);
    const chh = Math.ceil(height / 2);
    cbUp = upsampleFancy(cbs, pw / 2, cw, chh);
    crUp = upsampleFancy(crs, pw / 2, cw, chh);
    upStride = cw * 2;
  } else {
    cbUp = padPlane(cb, width, height, pw, ph);
    crUp = padPlane(cr, width, height, pw, ph);
    compressPlane(cbUp, pw, ph, chrom);
    compressPlane(crUp, pw, ph, chrom);
    upStride = pw;
  }
  const out = new Uint8Array(n * 3);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const yy = yp[row * pw + col];
      const u = cbUp[row * upStride + col];
      const v = crUp[row * upStride + col];
      const o = (row * width + col) * 3;
      out[o] = clampByte(yy + CR_R[v]);
      out[o + 1] = clampByte(yy + Math.floor((CB_G[u] + CR_G[v]) / 65536));
      out[o + 2] = clampByte(yy + CB_B[u]);
    }
  }
  return out;
}
