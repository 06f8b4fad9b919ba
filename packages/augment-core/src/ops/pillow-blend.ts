const fround = Math.fround;

/**
 * Pillow's `Image.blend(degenerate, image, factor)` (libImaging/Blend.c), the core of every
 * ImageEnhance class: `degenerate + factor * (image - degenerate)` in float32 (Pillow passes
 * the factor as a C float), truncated to uint8, clipped to [0, 255] only when extrapolating.
 */
export function blendInto(degenerate: Uint8Array, image: Uint8Array, factor: number, out: Uint8Array): void {
  const alpha = fround(factor);
  if (alpha === 0) {
    out.set(degenerate);
    return;
  }
  if (alpha === 1) {
    out.set(image);
    return;
  }
  const scaled = scaledDifferences(alpha);
  if (alpha >= 0 && alpha <= 1) {
    for (let i = 0; i < image.length; i++) {
      const d = degenerate[i];
      out[i] = fround(d + scaled[image[i] - d + 255]);
    }
    return;
  }
  for (let i = 0; i < image.length; i++) {
    const d = degenerate[i];
    const v = fround(d + scaled[image[i] - d + 255]);
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
  }
}

const scaledScratch = new Float64Array(511);

/** fround(alpha * diff) for every diff in [-255, 255] (index diff + 255), in a reused table; the sum with d still rounds to float32. */
function scaledDifferences(alpha: number): Float64Array {
  for (let diff = -255; diff <= 255; diff++) scaledScratch[diff + 255] = fround(alpha * diff);
  return scaledScratch;
}

/**
 * `blendInto(grey, image, factor, out)` with grey = the image converted to L and back to RGB
 * (ImageEnhance.Color), without materialising the grey copy: the same arithmetic per value.
 */
export function blendWithGreyInto(image: Uint8Array, factor: number, out: Uint8Array): void {
  const alpha = fround(factor);
  if (alpha === 1) {
    out.set(image);
    return;
  }
  const scaled = scaledDifferences(alpha);
  const clip = !(alpha >= 0 && alpha <= 1);
  for (let i = 0; i < image.length; i += 3) {
    const r = image[i];
    const g = image[i + 1];
    const b = image[i + 2];
    const l = luma(r, g, b);
    if (alpha === 0) {
      out[i] = l;
      out[i + 1] = l;
      out[i + 2] = l;
      continue;
    }
    const vr = fround(l + scaled[r - l + 255]);
    const vg = fround(l + scaled[g - l + 255]);
    const vb = fround(l + scaled[b - l + 255]);
    if (clip) {
      out[i] = vr <= 0 ? 0 : vr >= 255 ? 255 : vr;
      out[i + 1] = vg <= 0 ? 0 : vg >= 255 ? 255 : vg;
      out[i + 2] = vb <= 0 ? 0 : vb >= 255 ? 255 : vb;
    } else {
      out[i] = vr;
      out[i + 1] = vg;
      out[i + 2] = vb;
    }
  }
}

/**
 * `blendInto` against a constant degenerate value `d`: the result depends only on the input
 * value, so it is one 256-entry table (Brightness: d = 0; Contrast: d = mean grey).
 */
export function constantBlendLut(d: number, factor: number, lut: Uint8Array = new Uint8Array(256)): Uint8Array {
  const alpha = fround(factor);
  for (let v = 0; v < 256; v++) {
    if (alpha === 0) lut[v] = d;
    else if (alpha === 1) lut[v] = v;
    else {
      const r = fround(d + fround(alpha * (v - d)));
      lut[v] = r <= 0 ? 0 : r >= 255 ? 255 : r;
    }
  }
  return lut;
}

/** Pillow's RGB -> L: (r*19595 + g*38470 + b*7471 + 0x8000) >> 16 (libImaging/Convert.c, L24). */
export function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * Pillow's `ImageFilter.SMOOTH` on RGB (3x3 kernel 1 1 1 / 1 5 1 / 1 1 1, divisor 13; the
 * one-pixel border copied). Pillow sums float32 weights from an offset of 0.5 and truncates:
 * trunc(W/13 + 0.5) for the integer weighted sum W. W/13 + 0.5 is never closer than 0.5/13
 * to an integer and float32 drifts by < 1e-3 here, so that equals the integer
 * floor((2W + 13) / 26) exactly (checked against Pillow on 2,000 random images).
 */
export function smoothFilter(src: Uint8Array, width: number, height: number, out: Uint8Array): void {
  if (width < 3 || height < 3) {
    out.set(src);
    return;
  }
  const stride = width * 3;
  out.set(src.subarray(0, stride), 0);
  out.set(src.subarray((height - 1) * stride), (height - 1) * stride);
  for (let y = 1; y < height - 1; y++) {
    const above = (y - 1) * stride;
    const row = y * stride;
    const below = (y + 1) * stride;
    out[row] = src[row];
    out[row + 1] = src[row + 1];
    out[row + 2] = src[row + 2];
    const end = row + stride - 3;
    out[end] = src[end];
    out[end + 1] = src[end + 1];
    out[end + 2] = src[end + 2];
    for (let i = 3; i < stride - 3; i++) {
      const w =
        src[above + i - 3] + src[above + i] + src[above + i + 3] +
        src[row + i - 3] + 5 * src[row + i] + src[row + i + 3] +
        src[below + i - 3] + src[below + i] + src[below + i + 3];
      // floor((2w + 13) / 26) as a multiply and shift: exact for every 2w + 13 <= 2 * 13 * 255 + 13 (checked in the tests).
      out[row + i] = ((2 * w + 13) * 40330) >>> 20;
    }
  }
}

// Column sums (above + row + below) of one row, for `sharpenInto`; reused.
let columnSums = new Int32Array(0);

/**
 * ImageEnhance.Sharpness: `blendInto(smoothFilter(image), image, factor, out)` in one pass, with
 * the SMOOTH weights summed as three column sums plus 4x the centre: integer arithmetic, so the
 * same values; the border (SMOOTH copies it) blends with itself and stays as it is.
 */
export function sharpenInto(src: Uint8Array, width: number, height: number, factor: number, out: Uint8Array): void {
  const alpha = fround(factor);
  if (alpha === 1 || width < 3 || height < 3) {
    out.set(src);
    return;
  }
  if (alpha === 0) {
    smoothFilter(src, width, height, out);
    return;
  }
  const stride = width * 3;
  const scaled = scaledDifferences(alpha);
  const clip = !(alpha >= 0 && alpha <= 1);
  if (columnSums.length < stride) columnSums = new Int32Array(stride);
  const sums = columnSums;
  out.set(src.subarray(0, stride), 0);
  out.set(src.subarray((height - 1) * stride), (height - 1) * stride);
  for (let y = 1; y < height - 1; y++) {
    const row = y * stride;
    const above = row - stride;
    const below = row + stride;
    for (let i = 0; i < stride; i++) sums[i] = src[above + i] + src[row + i] + src[below + i];
    for (let k = 0; k < 3; k++) {
      out[row + k] = src[row + k];
      out[row + stride - 3 + k] = src[row + stride - 3 + k];
    }
    for (let i = 3; i < stride - 3; i++) {
      const s = src[row + i];
      const w = sums[i - 3] + sums[i] + sums[i + 3] + 4 * s;
      const d = ((2 * w + 13) * 40330) >>> 20;
      const v = fround(d + scaled[s - d + 255]);
      out[row + i] = clip ? (v <= 0 ? 0 : v >= 255 ? 255 : v) : v;
    }
  }
}
