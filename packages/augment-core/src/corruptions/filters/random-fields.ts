import type { Rng } from '../../rng';

/**
 * Fills `out` with N(mean, std) draws: Box-Muller on the generator's uniforms, both
 * outputs of each pair used (twice as fast as one normal() per value).
 */
export function fillNormal(rng: Rng, out: Float64Array, mean = 0, std = 1): Float64Array {
  for (let i = 0; i < out.length; i += 2) {
    let u = rng.random();
    while (u === 0) u = rng.random();
    const v = rng.random();
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * v;
    out[i] = mean + std * r * Math.cos(t);
    if (i + 1 < out.length) out[i + 1] = mean + std * r * Math.sin(t);
  }
  return out;
}

/** Fills `out` with U(low, high) draws. */
export function fillUniform(rng: Rng, out: Float64Array, low: number, high: number): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(low, high);
  return out;
}
