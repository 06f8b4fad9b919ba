/**
 * Pillow's `Image.transform(size, AFFINE, (a, b, c, d, e, f), BILINEAR)` on packed RGB,
 * output the same size as the input (libImaging/Geometry.c: ImagingGenericTransform with
 * affine_transform and bilinear_filter32RGB):
 *
 * - output pixel (x, y) samples the input at (a*(x+.5) + b*(y+.5) + c, d*(x+.5) + e*(y+.5) + f);
 * - a sample outside [0, w) x [0, h) is black (fill);
 * - otherwise shift by -0.5, interpolate between the 2x2 neighbours, clamping columns and
 *   the first row to the image and reusing the first row when the second is outside;
 * - the interpolated double is truncated to uint8.
 *
 * The arithmetic keeps Pillow's double-precision expression order, so results are bit-exact.
 */
export type AffineCoefficients = readonly [number, number, number, number, number, number];

export function affineBilinear(src: Uint8Array, width: number, height: number, m: AffineCoefficients, out: Uint8Array): void {
  const [a, b, c, d, e, f] = m;
  if (a === 1 && b === 0 && d === 0 && e === 1 && Number.isInteger(c) && Number.isInteger(f)) {
    shiftCopy(src, width, height, c, f, out);
    return;
  }
  // With d = 0 the input row depends on y only (shear_x), with b = 0 the input column on x only
  // (shear_y): computed once per row or column, with the very same expressions (d x' and b y'
  // are zeros of the same sign for every x', y' > 0), so the bytes do not change.
  if (d === 0) rowwise(src, width, height, m, out);
  else if (b === 0) columnwise(src, width, height, m, out);
  else general(src, width, height, m, out);
}

function general(src: Uint8Array, width: number, height: number, [a, b, c, d, e, f]: AffineCoefficients, out: Uint8Array): void {
  const stride = width * 3;
  const lastColumn = width - 1;
  // a x' and d x' are the same in every row: once per column.
  if (columnA.length < width) growColumns(width);
  const ax = columnDx;
  const dx = columnDy;
  for (let x = 0; x < width; x++) {
    ax[x] = a * (x + 0.5);
    dx[x] = d * (x + 0.5);
  }
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    const byc = b * yc;
    const eyc = e * yc;
    let o = y * stride;
    for (let x = 0; x < width; x++, o += 3) {
      let xin = ax[x] + byc + c;
      let yin = dx[x] + eyc + f;
      if (!(xin >= 0 && xin < width && yin >= 0 && yin < height)) {
        blackPixel(out, o);
        continue;
      }
      xin -= 0.5;
      yin -= 0.5;
      const x0 = Math.floor(xin);
      const y0 = Math.floor(yin);
      const row0 = (y0 < 0 ? 0 : y0) * stride;
      // Pillow reuses the first row when the second is outside: the same as sampling row0 twice.
      const row1 = y0 + 1 < height ? (y0 + 1) * stride : row0;
      const ca = clampedColumn(x0, lastColumn);
      const cb = clampedColumn(x0 + 1, lastColumn);
      lerpPixel(src, out, o, row0 + ca, row0 + cb, row1 + ca, row1 + cb, xin - x0, yin - y0);
    }
  }
}

/** d = 0: the input row (and whether it is inside) is fixed per output row. */
function rowwise(src: Uint8Array, width: number, height: number, [a, b, c, d, e, f]: AffineCoefficients, out: Uint8Array): void {
  const stride = width * 3;
  const lastColumn = width - 1;
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    const byc = b * yc;
    let yin = d * 0.5 + e * yc + f;
    let o = y * stride;
    if (!(yin >= 0 && yin < height)) {
      out.fill(0, o, o + stride);
      continue;
    }
    yin -= 0.5;
    const y0 = Math.floor(yin);
    const dy = yin - y0;
    const row0 = (y0 < 0 ? 0 : y0) * stride;
    const row1 = y0 + 1 < height ? (y0 + 1) * stride : row0;
    for (let x = 0; x < width; x++, o += 3) {
      let xin = a * (x + 0.5) + byc + c;
      if (!(xin >= 0 && xin < width)) {
        blackPixel(out, o);
        continue;
      }
      xin -= 0.5;
      const x0 = Math.floor(xin);
      const ca = clampedColumn(x0, lastColumn);
      const cb = clampedColumn(x0 + 1, lastColumn);
      if (dy === 0) lerpTwo(src, out, o, row0 + ca, row0 + cb, xin - x0);
      else lerpPixel(src, out, o, row0 + ca, row0 + cb, row1 + ca, row1 + cb, xin - x0, dy);
    }
  }
}

// Per-column values for `columnwise` and `general`, reused (ops are not re-entrant).
let columnA = new Int32Array(0);
let columnB = new Int32Array(0);
let columnDx = new Float64Array(0);
let columnDy = new Float64Array(0);

function growColumns(width: number): void {
  columnA = new Int32Array(width);
  columnB = new Int32Array(width);
  columnDx = new Float64Array(width);
  columnDy = new Float64Array(width);
}

/** b = 0: the input column (and whether it is inside) is fixed per output column; -1 marks outside. */
function columnwise(src: Uint8Array, width: number, height: number, [a, b, c, d, e, f]: AffineCoefficients, out: Uint8Array): void {
  const stride = width * 3;
  const lastColumn = width - 1;
  if (columnA.length < width) growColumns(width);
  const bYc = b * 0.5;
  for (let x = 0; x < width; x++) {
    let xin = a * (x + 0.5) + bYc + c;
    if (!(xin >= 0 && xin < width)) {
      columnA[x] = -1;
      continue;
    }
    xin -= 0.5;
    const x0 = Math.floor(xin);
    columnA[x] = clampedColumn(x0, lastColumn);
    columnB[x] = clampedColumn(x0 + 1, lastColumn);
    columnDx[x] = xin - x0;
  }
  for (let y = 0; y < height; y++) {
    const eyc = e * (y + 0.5);
    let o = y * stride;
    for (let x = 0; x < width; x++, o += 3) {
      const ca = columnA[x];
      let yin = d * (x + 0.5) + eyc + f;
      if (ca < 0 || !(yin >= 0 && yin < height)) {
        blackPixel(out, o);
        continue;
      }
      yin -= 0.5;
      const y0 = Math.floor(yin);
      const row0 = (y0 < 0 ? 0 : y0) * stride;
      const row1 = y0 + 1 < height ? (y0 + 1) * stride : row0;
      const cb = columnB[x];
      const dx = columnDx[x];
      if (dx === 0) lerpTwo(src, out, o, row0 + ca, row1 + ca, yin - y0);
      else lerpPixel(src, out, o, row0 + ca, row0 + cb, row1 + ca, row1 + cb, dx, yin - y0);
    }
  }
}

/** The byte offset of column x clamped to the image (Pillow clamps both neighbours' columns). */
function clampedColumn(x: number, lastColumn: number): number {
  return (x < 0 ? 0 : x > lastColumn ? lastColumn : x) * 3;
}

function blackPixel(out: Uint8Array, o: number): void {
  out[o] = 0;
  out[o + 1] = 0;
  out[o + 2] = 0;
}

/**
 * One pixel between two neighbours (three channels): p + (q - p) t, truncated. With dy = 0 the
 * bilinear vertical step v1 + (v2 - v1) * 0 adds a zero to v1 >= 0, and with dx = 0 the
 * horizontal steps give p and q themselves, so this gives the very same values; it is the
 * common case of shear_x (every row: y' - 0.5 = y) and shear_y (every column).
 */
function lerpTwo(src: Uint8Array, out: Uint8Array, o: number, from: number, to: number, t: number): void {
  let p = src[from];
  out[o] = p + (src[to] - p) * t;
  p = src[from + 1];
  out[o + 1] = p + (src[to + 1] - p) * t;
  p = src[from + 2];
  out[o + 2] = p + (src[to + 2] - p) * t;
}

/** Pillow's bilinear_filter32RGB for one pixel: from the neighbours at i0 (top left), j0, i1, j1, truncated to 8 bits. */
function lerpPixel(src: Uint8Array, out: Uint8Array, o: number, i0: number, j0: number, i1: number, j1: number, dx: number, dy: number): void {
  let p = src[i0];
  let q = src[i1];
  let v1 = p + (src[j0] - p) * dx;
  let v2 = q + (src[j1] - q) * dx;
  out[o] = v1 + (v2 - v1) * dy;
  p = src[++i0];
  q = src[++i1];
  v1 = p + (src[++j0] - p) * dx;
  v2 = q + (src[++j1] - q) * dx;
  out[o + 1] = v1 + (v2 - v1) * dy;
  p = src[++i0];
  q = src[++i1];
  v1 = p + (src[++j0] - p) * dx;
  v2 = q + (src[++j1] - q) * dx;
  out[o + 2] = v1 + (v2 - v1) * dy;
}

/** The integer-translation case: every sample lands on a pixel centre, so it is a shifted copy. */
function shiftCopy(src: Uint8Array, width: number, height: number, dx: number, dy: number, out: Uint8Array): void {
  const stride = width * 3;
  out.fill(0);
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  if (x1 <= x0) return;
  for (let y = 0; y < height; y++) {
    const sy = y + dy;
    if (sy < 0 || sy >= height) continue;
    const from = sy * stride + (x0 + dx) * 3;
    out.set(src.subarray(from, from + (x1 - x0) * 3), y * stride + x0 * 3);
  }
}
