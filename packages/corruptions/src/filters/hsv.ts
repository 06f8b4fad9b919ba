/**
 * skimage.color.rgb2hsv / hsv2rgb on one pixel, with skimage's formulas (so round trips
 * carry the same floating-point error as the reference).
 */
export function rgbToHsv(r: number, g: number, b: number, out: Float64Array): void {
  const v = Math.max(r, g, b);
  const delta = v - Math.min(r, g, b);
  const s = delta === 0 ? 0 : delta / v;
  let h = 0;
  if (delta !== 0) {
    // skimage assigns in this order, so the last matching channel wins.
    if (r === v) h = (g - b) / delta;
    if (g === v) h = 2 + (b - r) / delta;
    if (b === v) h = 4 + (r - g) / delta;
    h = h / 6;
    h = h - Math.floor(h);
  }
  out[0] = h;
  out[1] = s;
  out[2] = v;
}

export function hsvToRgb(h: number, s: number, v: number, out: Float64Array): void {
  const hi6 = Math.floor(h * 6);
  const f = h * 6 - hi6;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (((hi6 % 6) + 6) % 6) {
    case 0:
      out[0] = v; out[1] = t; out[2] = p;
      break;
    case 1:
      out[0] = q; out[1] = v; out[2] = p;
      break;
    case 2:
      out[0] = p; out[1] = v; out[2] = t;
      break;
    case 3:
      out[0] = p; out[1] = q; out[2] = v;
      break;
    case 4:
      out[0] = t; out[1] = p; out[2] = v;
      break;
    default:
      out[0] = v; out[1] = p; out[2] = q;
  }
}

/**
 * The reference's brightness: RGB (0-1) -> HSV, V += shift clipped to [0, 1], -> RGB.
 * Works in place on an HWC float array.
 */
export function shiftValue(data: Float64Array, shift: number): Float64Array {
  const hsv = new Float64Array(3);
  const rgb = new Float64Array(3);
  for (let i = 0; i < data.length; i += 3) {
    rgbToHsv(data[i], data[i + 1], data[i + 2], hsv);
    const v = hsv[2] + shift;
    hsvToRgb(hsv[0], hsv[1], v < 0 ? 0 : v > 1 ? 1 : v, rgb);
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
  }
  return data;
}

/** The reference's saturate: S = clip(S * scale + offset, 0, 1). In place. */
export function scaleSaturation(data: Float64Array, scale: number, offset: number): Float64Array {
  const hsv = new Float64Array(3);
  const rgb = new Float64Array(3);
  for (let i = 0; i < data.length; i += 3) {
    rgbToHsv(data[i], data[i + 1], data[i + 2], hsv);
    const s = hsv[1] * scale + offset;
    hsvToRgb(hsv[0], s < 0 ? 0 : s > 1 ? 1 : s, hsv[2], rgb);
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
  }
  return data;
}
