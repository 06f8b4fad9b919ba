import { Rng } from '@vpixmix/augment-core';
import { gaussianFilter } from './gaussian-filter';
import { plasmaFractal, nextPowerOfTwo } from './plasma-fractal';

/**
 * Procedural stand-in for the reference's six frost photographs (ice crystals on a window,
 * downscaled by 0.2): a bluish-grey pane with a slowly varying haze, covered in dendritic
 * crystals — stems that wander a little and sprout side branches at about ±60° (ice's
 * hexagonal habit), branches sprouting shorter branches — plus fine grain, lightly blurred.
 * Returns 8-bit RGB, like the pictures the reference reads with cv2.imread.
 */
export function frostTexture(rng: Rng, width: number, height: number): Uint8Array {
  const n = width * height;
  const ice = new Float64Array(n);
  const splat = (x: number, y: number, amount: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const put = (cx: number, cy: number, w: number) => {
      if (cx >= 0 && cx < width && cy >= 0 && cy < height) ice[cy * width + cx] += amount * w;
    };
    put(x0, y0, (1 - fx) * (1 - fy));
    put(x0 + 1, y0, fx * (1 - fy));
    put(x0, y0 + 1, (1 - fx) * fy);
    put(x0 + 1, y0 + 1, fx * fy);
  };
  const grow = (x: number, y: number, angle: number, length: number, brightness: number, depth: number) => {
    let a = angle;
    for (let step = 0; step < length; step++) {
      x += Math.cos(a) * 0.7;
      y += Math.sin(a) * 0.7;
      a += rng.normal(0, 0.06);
      splat(x, y, brightness * (1 - (0.5 * step) / length));
      if (depth > 0 && rng.bool(0.3)) {
        const side = rng.bool() ? 1 : -1;
        grow(x, y, a + side * (Math.PI / 3 + rng.normal(0, 0.12)), length * rng.uniform(0.15, 0.4), brightness * 0.85, depth - 1);
      }
    }
  };
  const crystals = Math.round((n / 1000) * rng.uniform(5, 7));
  for (let i = 0; i < crystals; i++) {
    grow(rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0, 2 * Math.PI), rng.uniform(8, 30), rng.uniform(0.2, 0.45), 2);
  }
  const size = nextPowerOfTwo(Math.max(width, height));
  const haze = plasmaFractal(rng, size, 2.2);
  const crisp = gaussianFilter(ice, width, height, 1, 0.55);
  const frost = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const grain = rng.uniform(-0.05, 0.05);
      const base = 0.22 + 0.28 * haze[y * size + x];
      frost[i] = Math.max(0, Math.min(1, base + 0.9 * Math.tanh(crisp[i] * 1.6) + grain));
    }
  }
  return tintToMean(frost, FROST_MEAN);
}

/**
 * Mean value (of all channels, 0..255) of the reference's frost pictures as make_cifar_c
 * uses them (cv2.imread, resized by 0.2, the crop region): about 164. The texture above
 * averages about 119 before the tone curve below, which made frost 20-30% weaker than
 * published at every severity (its blend adds c[1] * frost).
 */
export const FROST_MEAN = 164;

/** Bluish-white tint of a frost value in [0, 1], as 8-bit R, G, B (truncated like a uint8 cast). */
function tint(v: number, out: Uint8Array, i: number): void {
  out[3 * i] = Math.max(0, Math.min(255, 255 * (v * 0.86)));
  out[3 * i + 1] = Math.max(0, Math.min(255, 255 * (v * 0.93 + 0.02)));
  out[3 * i + 2] = Math.max(0, Math.min(255, 255 * (v * 0.97 + 0.05)));
}

/**
 * Tints the frost values through the tone curve v^gamma whose gamma gives the picture a mean
 * of `mean` (within half a level): bisection on gamma, as the mean falls monotonically with it.
 */
function tintToMean(frost: Float64Array, mean: number): Uint8Array {
  const out = new Uint8Array(frost.length * 3);
  const meanAt = (gamma: number): number => {
    let sum = 0;
    for (let i = 0; i < frost.length; i++) {
      tint(frost[i] ** gamma, out, i);
      sum += out[3 * i] + out[3 * i + 1] + out[3 * i + 2];
    }
    return sum / out.length;
  };
  let lo = 0.05;
  let hi = 4;
  for (let k = 0; k < 40 && hi - lo > 1e-4; k++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) > mean) lo = mid;
    else hi = mid;
  }
  meanAt((lo + hi) / 2);
  return out;
}

export interface FrostPicture {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const banks = new Map<number, FrostPicture[]>();

/** How many frost pictures the bank holds (the reference draws from its first five). */
export const FROST_PICTURES = 5;

/**
 * The fixed bank of frost pictures used for images up to `size` pixels on a side: five
 * pictures of max(96, 3 * size) pixels a side, from fixed seeds (like the reference's fixed
 * files), built once per size and reused.
 */
export function frostBank(size: number): FrostPicture[] {
  const side = Math.max(96, 3 * size);
  let bank = banks.get(side);
  if (!bank) {
    bank = Array.from({ length: FROST_PICTURES }, (_, i) => ({
      width: side,
      height: side,
      data: frostTexture(Rng.seeded('vpixmix-frost-picture', i, side), side, side),
    }));
    banks.set(side, bank);
  }
  return bank;
}
