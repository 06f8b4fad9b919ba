import type { Rng } from '@vpixmix/augment-core';
import { hsvToRgb, type Rgb } from './palette';

/** What a fractal is drawn over. Plain data, so a manifest can record it. */
export type Background =
  | { kind: 'solid'; color: Rgb }
  | { kind: 'linear'; from: Rgb; to: Rgb; angle: number }
  | { kind: 'radial'; inner: Rgb; outer: Rgb };

function darkColor(rng: Rng): Rgb {
  return hsvToRgb(rng.random(), rng.uniform(0.3, 1), rng.uniform(0, 0.18));
}

function lightColor(rng: Rng): Rgb {
  return hsvToRgb(rng.random(), rng.uniform(0, 0.35), rng.uniform(0.85, 1));
}

/**
 * Mostly dark grounds (the glowing look of the fractal art PixMix mixes with), some dark
 * gradients and glows, and a few light pastel grounds.
 */
export function sampleBackground(rng: Rng): Background {
  const u = rng.random();
  if (u < 0.45) return { kind: 'solid', color: rng.bool(0.3) ? [0, 0, 0] : darkColor(rng) };
  if (u < 0.65) return { kind: 'linear', from: darkColor(rng), to: darkColor(rng), angle: rng.uniform(0, 2 * Math.PI) };
  if (u < 0.85) {
    const outer = darkColor(rng);
    const glow = hsvToRgb(rng.random(), rng.uniform(0.4, 1), rng.uniform(0.25, 0.45));
    return { kind: 'radial', inner: glow, outer };
  }
  return { kind: 'solid', color: lightColor(rng) };
}

/** The background as a float HWC RGB buffer. */
export function paintBackground(background: Background, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let from: Rgb;
      let to: Rgb;
      let t: number;
      if (background.kind === 'solid') {
        from = background.color;
        to = from;
        t = 0;
      } else if (background.kind === 'linear') {
        from = background.from;
        to = background.to;
        const u = (x + 0.5) / width - 0.5;
        const v = (y + 0.5) / height - 0.5;
        t = 0.5 + (u * Math.cos(background.angle) + v * Math.sin(background.angle)) * Math.SQRT1_2;
      } else {
        from = background.inner;
        to = background.outer;
        const u = (x + 0.5) / width - 0.5;
        const v = (y + 0.5) / height - 0.5;
        t = Math.min(1, Math.sqrt(u * u + v * v) / Math.SQRT1_2);
      }
      const at = (y * width + x) * 3;
      out[at] = from[0] + (to[0] - from[0]) * t;
      out[at + 1] = from[1] + (to[1] - from[1]) * t;
      out[at + 2] = from[2] + (to[2] - from[2]) * t;
    }
  }
  return out;
}
