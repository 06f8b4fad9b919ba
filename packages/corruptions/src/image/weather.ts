import { Rng, type RngState } from '@vpixmix/augment-core';
import { defineCorruption } from '../define';
import { FROST_PICTURES, frostBank } from '../filters/frost-texture';
import { magickMotionKernel, motionBlurBytes } from '../filters/motion-blur';
import { nextPowerOfTwo, plasmaFractal } from '../filters/plasma-fractal';
import { fillNormal } from '../filters/random-fields';
import { clippedZoom } from '../filters/zoom';
import { clampToBytes, unitFloat, unitToBytes } from '../pixels';
import type { Size } from '../types';

export interface SnowParams {
  /** Generator state of the snow layer's Gaussian draws. */
  readonly flakes: RngState;
  /** Direction of the falling snow's motion blur, degrees in [-135, -45). */
  readonly angle: number;
}

type SnowConstants = readonly [number, number, number, number, number, number, number];

/**
 * A snow layer (one flake density, zoomed, thresholded, motion-blurred at `angle`) added to
 * the picture and to itself rotated 180°, over a whitened copy of the picture. Shared by the
 * -C corruption and the -P sequence.
 */
export function snowLayer(size: Size, c: SnowConstants, flakes: RngState): Float64Array {
  const { width, height } = size;
  const layer = fillNormal(Rng.fromState(flakes), new Float64Array(width * height), c[0], c[1]);
  const zoomed = clippedZoom({ data: layer, width, height, channels: 1 }, c[2]).data;
  const bytes = new Uint8Array(zoomed.length);
  for (let i = 0; i < zoomed.length; i++) {
    const v = zoomed[i] < c[3] ? 0 : zoomed[i];
    bytes[i] = (v < 0 ? 0 : v > 1 ? 1 : v) * 255;
  }
  return Float64Array.from(bytes);
}

export function blurSnow(bytes: Float64Array, size: Size, radius: number, sigma: number, angle: number): Float64Array {
  const blurred = motionBlurBytes(Uint8Array.from(bytes), size.width, size.height, 1, magickMotionKernel(radius, sigma, angle));
  return Float64Array.from(blurred, (v) => v / 255);
}

/**
 * `blend * x + (1 - blend) * max(x, gray(x) * 1.5 + 0.5)`, then + snow + snow rotated 180°.
 * The -C corruption computes the whitening in float32, the -P sequence in float64 (with the
 * grey level in float32), as the two reference scripts do.
 */
export function composeSnow(pixels: Uint8Array, snow: Float64Array, blend: number, precision: 'float32' | 'float64' = 'float32'): Uint8Array {
  const n = snow.length;
  const out = new Float64Array(pixels.length);
  const f32 = precision === 'float32';
  const round = f32 ? Math.fround : (v: number) => v;
  // numpy casts Python floats to float32 before multiplying float32 arrays.
  const keep = round(blend);
  const lift = round(1 - blend);
  const [cr, cg, cb] = [Math.fround(0.299), Math.fround(0.587), Math.fround(0.114)];
  for (let i = 0; i < n; i++) {
    const x0 = round(pixels[3 * i] / 255);
    const x1 = round(pixels[3 * i + 1] / 255);
    const x2 = round(pixels[3 * i + 2] / 255);
    const gray = Math.fround(Math.fround(Math.fround(cr * Math.fround(x0)) + Math.fround(cg * Math.fround(x1))) + Math.fround(cb * Math.fround(x2)));
    const lifted = Math.fround(Math.fround(gray * 1.5) + 0.5);
    const flake = snow[i] + snow[n - 1 - i];
    out[3 * i] = round(round(keep * x0) + round(lift * Math.max(x0, lifted))) + flake;
    out[3 * i + 1] = round(round(keep * x1) + round(lift * Math.max(x1, lifted))) + flake;
    out[3 * i + 2] = round(round(keep * x2) + round(lift * Math.max(x2, lifted))) + flake;
  }
  return unitToBytes(out);
}

export const snow = defineCorruption<SnowConstants, SnowParams>({
  name: 'snow',
  category: 'weather',
  constants: [
    [0.1, 0.2, 1, 0.6, 8, 3, 0.95],
    [0.1, 0.2, 1, 0.5, 10, 4, 0.9],
    [0.15, 0.3, 1.75, 0.55, 10, 4, 0.9],
    [0.25, 0.3, 2.25, 0.6, 12, 6, 0.85],
    [0.3, 0.3, 1.25, 0.65, 14, 12, 0.8],
  ],
  minSize: 2,
  sample: (rng) => ({ flakes: rng.split().state(), angle: rng.uniform(-135, -45) }),
  apply(pixels, size, c, params) {
    const layer = blurSnow(snowLayer(size, c, params.flakes), size, c[4], c[5], params.angle);
    return composeSnow(pixels, layer, c[6]);
  },
});

export interface FrostParams {
  /** Which of the five frost pictures. */
  readonly picture: number;
  /** Top-left corner of the crop in it. */
  readonly top: number;
  readonly left: number;
}

/** c[0] * x + c[1] * (a crop of a frost picture), in bytes. See README: the pictures are procedural. */
export const frost = defineCorruption<readonly [number, number], FrostParams>({
  name: 'frost',
  category: 'weather',
  constants: [
    [1, 0.2],
    [1, 0.3],
    [0.9, 0.4],
    [0.85, 0.4],
    [0.75, 0.45],
  ],
  sample(rng, _c, size) {
    const { width: fw, height: fh } = frostBank(Math.max(size.width, size.height))[0];
    return { picture: rng.int(0, FROST_PICTURES), top: rng.int(0, fh - size.height), left: rng.int(0, fw - size.width) };
  },
  apply(pixels, { width, height }, [a, b], { picture, top, left }) {
    const ice = frostBank(Math.max(width, height))[picture];
    const out = new Float64Array(pixels.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 3;
        const f = ((top + y) * ice.width + left + x) * 3;
        for (let c = 0; c < 3; c++) out[o + c] = a * pixels[o + c] + b * ice.data[f + c];
      }
    }
    return clampToBytes(out);
  },
});

export interface FogParams {
  /** Generator state of the plasma fractal. */
  readonly fractal: RngState;
}

/** x + c[0] * plasma fractal (decay c[1]), rescaled by max / (max + c[0]). */
export const fog = defineCorruption<readonly [number, number], FogParams>({
  name: 'fog',
  category: 'weather',
  constants: [
    [0.2, 3],
    [0.5, 3],
    [0.75, 2.5],
    [1, 2],
    [1.5, 1.75],
  ],
  sample: (rng) => ({ fractal: rng.split().state() }),
  apply(pixels, { width, height }, [amount, decay], params) {
    const x = unitFloat(pixels);
    let max = 0;
    for (const v of x) if (v > max) max = v;
    const size = nextPowerOfTwo(Math.max(width, height, 2));
    const fractal = plasmaFractal(Rng.fromState(params.fractal), size, decay);
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < width; xx++) {
        const f = amount * fractal[y * size + xx];
        const o = (y * width + xx) * 3;
        x[o] += f;
        x[o + 1] += f;
        x[o + 2] += f;
      }
    }
    for (let i = 0; i < x.length; i++) x[i] = (x[i] * max) / (max + amount);
    return unitToBytes(x);
  },
});
