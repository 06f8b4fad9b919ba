import { Rng, type RngState } from '@vpixmix/augment-core';
import { defineCorruption } from '../define';
import { fillNormal, unit32 } from '../filters/random-fields';
import { shotNoiseSampler } from '../filters/poisson';
import { unitFloat, unitToBytes } from '../pixels';

/** Noise fields are drawn inside apply from this generator state (params stay small and replayable). */
export interface NoiseParams {
  readonly noise: RngState;
}

const noiseState = (rng: Rng): NoiseParams => ({ noise: rng.split().state() });

/** x + N(0, c), c = [.04, .06, .08, .09, .10]. */
export const gaussianNoise = defineCorruption<number, NoiseParams>({
  name: 'gaussian_noise',
  category: 'noise',
  constants: [0.04, 0.06, 0.08, 0.09, 0.1],
  sample: noiseState,
  apply(pixels, _size, c, params) {
    const x = unitFloat(pixels);
    const noise = fillNormal(Rng.fromState(params.noise), new Float64Array(x.length), 0, c);
    for (let i = 0; i < x.length; i++) x[i] += noise[i];
    return unitToBytes(x);
  },
});

/** Poisson(x * c) / c, c = [500, 250, 100, 75, 50] photons at full scale. */
export const shotNoise = defineCorruption<number, NoiseParams>({
  name: 'shot_noise',
  category: 'noise',
  constants: [500, 250, 100, 75, 50],
  sample: noiseState,
  apply(pixels, _size, c, params) {
    return unitToBytes(shotNoiseSampler(c).sample(pixels, Rng.fromState(params.noise)));
  },
});

/**
 * Salt and pepper (skimage random_noise 's&p'): each value is replaced with probability
 * c = [.01, .02, .03, .05, .07], by 1 or 0 with equal odds. Channels are independent.
 */
export const impulseNoise = defineCorruption<number, NoiseParams>({
  name: 'impulse_noise',
  category: 'noise',
  constants: [0.01, 0.02, 0.03, 0.05, 0.07],
  sample: noiseState,
  apply(pixels, _size, c, params) {
    const rng = Rng.fromState(params.noise);
    const x = unitFloat(pixels);
    for (let i = 0; i < x.length; i++) {
      if (unit32(rng) < c) x[i] = unit32(rng) < 0.5 ? 1 : 0;
    }
    return unitToBytes(x);
  },
});

/** x + x * N(0, c), c = [.06, .1, .12, .16, .2] (a held-out corruption of the -C archives). */
export const speckleNoise = defineCorruption<number, NoiseParams>({
  name: 'speckle_noise',
  category: 'noise',
  constants: [0.06, 0.1, 0.12, 0.16, 0.2],
  sample: noiseState,
  apply(pixels, _size, c, params) {
    const x = unitFloat(pixels);
    const noise = fillNormal(Rng.fromState(params.noise), new Float64Array(x.length), 0, c);
    for (let i = 0; i < x.length; i++) x[i] += x[i] * noise[i];
    return unitToBytes(x);
  },
});
