import { AugmentArgumentError } from '@vpixmix/augment-core';
import { Rng, type RngState } from '@vpixmix/augment-core';
import { defineCorruption } from '../define';
import { gaussianFilter } from '../filters/gaussian-filter';
import { fillNormal } from '../filters/random-fields';
import { liquidToBytes, waterMask } from '../filters/spatter-layer';
import { unitToBytes } from '../pixels';

export interface SpatterParams {
  /** Generator state of the liquid layer's Gaussian draws. */
  readonly liquid: RngState;
}

/** Pale turquoise water, as the reference adds it (channel order of the input). */
export const WATER = [175 / 255, 238 / 255, 238 / 255] as const;
const MUD = [63 / 255, 42 / 255, 20 / 255] as const;

/**
 * What spatter makes of a picture on which no water is left (the thresholded liquid layer
 * is empty, or has flowed out of the frame in the -P sequence). 'reference': a black
 * picture — make_cifar_c.py / make_cifar_p.py normalise the water mask by its maximum, 0,
 * and the NaNs become 0 bytes. 'unchanged': the picture as it is, which is what a dry
 * spatter should look like.
 */
export type SpatterWithoutWater = 'reference' | 'unchanged';

/** Adds `mask * WATER` to the picture (float32 pixels as the reference), clipped; bytes out. */
export function addWater(pixels: Uint8Array, mask: Float64Array | undefined, withoutWater: SpatterWithoutWater): Uint8Array {
  if (!mask) return withoutWater === 'reference' ? new Uint8Array(pixels.length) : Uint8Array.from(pixels);
  const out = new Float64Array(pixels.length);
  for (let i = 0; i < mask.length; i++) {
    for (let c = 0; c < 3; c++) out[3 * i + c] = Math.fround(Math.fround(pixels[3 * i + c] / 255) + Math.fround(mask[i] * WATER[c]));
  }
  return unitToBytes(out);
}

type SpatterConstants = readonly [number, number, number, number, number, number];

/**
 * Liquid splashes (a held-out corruption of the -C archives, and a -P perturbation): a
 * thresholded, smoothed Gaussian layer becomes either water drops with embossed rims
 * (c[5] = 0) or opaque mud (c[5] = 1).
 */
export function createSpatter(withoutWater: SpatterWithoutWater = 'reference') {
  if (withoutWater !== 'reference' && withoutWater !== 'unchanged') {
    throw new AugmentArgumentError('withoutWater', `must be 'reference' or 'unchanged', got ${String(withoutWater)}`);
  }
  return defineCorruption<SpatterConstants, SpatterParams>({
    name: 'spatter',
    category: 'weather',
    constants: [
      [0.62, 0.1, 0.7, 0.7, 0.5, 0],
      [0.65, 0.1, 0.8, 0.7, 0.5, 0],
      [0.65, 0.3, 1, 0.69, 0.5, 0],
      [0.65, 0.1, 0.7, 0.69, 0.6, 1],
      [0.65, 0.1, 0.5, 0.68, 0.6, 1],
    ],
    minSize: 3,
    sample: (rng) => ({ liquid: rng.split().state() }),
    apply(pixels, { width, height }, [loc, scale, sigma, threshold, strength, mud], params) {
      const raw = fillNormal(Rng.fromState(params.liquid), new Float64Array(width * height), loc, scale);
      const liquid = gaussianFilter(raw, width, height, 1, sigma);
      for (let i = 0; i < liquid.length; i++) if (liquid[i] < threshold) liquid[i] = 0;
      if (mud === 0) return addWater(pixels, waterMask(liquidToBytes(liquid), width, height, strength), withoutWater);
      const wet = Float64Array.from(liquid, (v) => (v > threshold ? 1 : 0));
      const m = gaussianFilter(wet, width, height, 1, strength, { float32: true }).map((v) => (v < 0.8 ? 0 : v));
      const out = new Float64Array(pixels.length);
      for (let i = 0; i < m.length; i++) {
        for (let c = 0; c < 3; c++) {
          const x = Math.fround(Math.fround(pixels[3 * i + c] / 255) * Math.fround(1 - m[i]));
          out[3 * i + c] = x + MUD[c] * m[i];
        }
      }
      return unitToBytes(out);
    },
  });
}

export const spatter = createSpatter('reference');
