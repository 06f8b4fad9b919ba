import type { Rng } from '@vpixmix/augment-core';

/**
 * An iterated function system of 2-D affine maps, FractalDB's parameterisation:
 * map j sends (x, y) to (a x + b y + e, c x + d y + f) and is picked with probability
 * proportional to |det| = |a d - b c|.
 */
export interface IfsSystem {
  /** One row [a, b, c, d, e, f] per map. */
  readonly maps: readonly (readonly [number, number, number, number, number, number])[];
  /** Picking probability of each map; sums to 1. */
  readonly probabilities: readonly number[];
}

export const MIN_MAPS = 2;
export const MAX_MAPS = 7;

/**
 * Draws a system as FractalDB's random search does: randint(2, 8) maps, six coefficients
 * each uniform in [-1, 1), probabilities proportional to |det|.
 */
export function sampleIfsSystem(rng: Rng): IfsSystem {
  const count = rng.int(MIN_MAPS, MAX_MAPS + 1);
  const maps: [number, number, number, number, number, number][] = [];
  const weights: number[] = [];
  for (let j = 0; j < count; j++) {
    const map: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
    for (let k = 0; k < 6; k++) map[k] = rng.uniform(-1, 1);
    maps.push(map);
    weights.push(Math.abs(map[0] * map[3] - map[1] * map[2]));
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  // All-singular systems (total 0) have probability zero under the uniform draw; guard anyway.
  const probabilities = total > 0 ? weights.map((w) => w / total) : weights.map(() => 1 / count);
  return { maps, probabilities };
}

/** The system's maps and cumulative probabilities packed for the chaos game's inner loop. */
export interface PackedIfs {
  readonly count: number;
  /** 6 coefficients per map, row-major. */
  readonly coefficients: Float64Array;
  /** Cumulative probabilities scaled to 2^32, the last forced to cover every draw. */
  readonly thresholds: Float64Array;
}

export function packIfs(system: IfsSystem): PackedIfs {
  const count = system.maps.length;
  const coefficients = new Float64Array(count * 6);
  const thresholds = new Float64Array(count);
  let cumulative = 0;
  for (let j = 0; j < count; j++) {
    coefficients.set(system.maps[j], j * 6);
    cumulative += system.probabilities[j];
    thresholds[j] = cumulative * 4294967296;
  }
  thresholds[count - 1] = Infinity;
  return { count, coefficients, thresholds };
}
