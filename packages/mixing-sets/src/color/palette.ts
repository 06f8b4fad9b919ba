import type { Rng } from '@vpixmix/augment-core';

export type Rgb = [number, number, number];

/** HSV in [0, 1]^3 to RGB in [0, 1]^3. */
export function hsvToRgb(h: number, s: number, v: number): Rgb {
  const hh = (((h % 1) + 1) % 1) * 6;
  const sector = Math.floor(hh);
  const f = hh - sector;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (sector) {
    case 0:
      return [v, t, p];
    case 1:
      return [q, v, p];
    case 2:
      return [p, v, t];
    case 3:
      return [p, q, v];
    case 4:
      return [t, p, v];
    default:
      return [v, p, q];
  }
}

/**
 * A colour ramp over [0, 1], either piecewise linear through colour stops or Inigo Quilez's
 * cosine palette a + b cos(2 pi (c t + d)). Plain data, so a manifest can record it.
 */
export type Palette =
  | { kind: 'stops'; cyclic: boolean; stops: Rgb[] }
  | { kind: 'cosine'; a: Rgb; b: Rgb; c: Rgb; d: Rgb };

/** Entries in a palette lookup table. */
export const PALETTE_LUT_SIZE = 256;

/**
 * Draws a saturated random palette: 3-5 colour stops spread around the hue circle, or a
 * cosine palette. A `cyclic` palette joins up at t = 0 and t = 1 (for colour that wraps).
 */
export function samplePalette(rng: Rng, cyclic = false): Palette {
  if (rng.bool(0.5)) {
    const count = rng.int(3, 6);
    const startHue = rng.random();
    // Hues walk around the circle by a random stride, so neighbouring stops contrast.
    const stride = rng.uniform(0.12, 0.45) * (rng.bool() ? 1 : -1);
    const stops: Rgb[] = [];
    for (let i = 0; i < count; i++) {
      const hue = startHue + i * stride + rng.uniform(-0.04, 0.04);
      stops.push(hsvToRgb(hue, rng.uniform(0.55, 1), rng.uniform(0.7, 1)));
    }
    return { kind: 'stops', cyclic: cyclic || rng.bool(0.5), stops };
  }
  const a: Rgb = [rng.uniform(0.4, 0.6), rng.uniform(0.4, 0.6), rng.uniform(0.4, 0.6)];
  const b: Rgb = [rng.uniform(0.35, 0.5), rng.uniform(0.35, 0.5), rng.uniform(0.35, 0.5)];
  // Whole frequencies make the palette periodic over [0, 1].
  const c: Rgb = cyclic
    ? [1, rng.int(1, 3), rng.int(1, 3)]
    : [rng.uniform(0.5, 1.5), rng.uniform(0.5, 1.5), rng.uniform(0.5, 1.5)];
  const d: Rgb = [rng.random(), rng.random(), rng.random()];
  return { kind: 'cosine', a, b, c, d };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** The palette's colour at t in [0, 1]. */
export function paletteColor(palette: Palette, t: number): Rgb {
  if (palette.kind === 'cosine') {
    const { a, b, c, d } = palette;
    return [0, 1, 2].map((k) => clamp01(a[k] + b[k] * Math.cos(2 * Math.PI * (c[k] * t + d[k])))) as Rgb;
  }
  const { stops, cyclic } = palette;
  const segments = cyclic ? stops.length : stops.length - 1;
  const at = clamp01(t) * segments;
  const i = Math.min(Math.floor(at), segments - 1);
  const f = at - i;
  const from = stops[i];
  const to = stops[(i + 1) % stops.length];
  return [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f, from[2] + (to[2] - from[2]) * f];
}

/** The palette sampled at PALETTE_LUT_SIZE evenly spaced points, RGB interleaved, for inner loops. */
export function paletteLut(palette: Palette): Float32Array {
  const lut = new Float32Array(PALETTE_LUT_SIZE * 3);
  for (let i = 0; i < PALETTE_LUT_SIZE; i++) {
    lut.set(paletteColor(palette, i / (PALETTE_LUT_SIZE - 1)), i * 3);
  }
  return lut;
}
