import type { Rng } from '@vpixmix/augment-core';

const TWO_TO_32 = 4294967296;

/** A uniform in (0, 1) from one 32-bit draw (never 0 or 1): enough resolution for pixel noise, half the cost of random(). */
export function unit32(rng: Rng): number {
  return (rng.nextUint32() + 0.5) / TWO_TO_32;
}

/**
 * Fills `out` with N(mean, std) draws: Box-Muller on 32-bit uniforms from the generator,
 * both outputs of each pair used.
 */
export function fillNormal(rng: Rng, out: Float64Array, mean = 0, std = 1): Float64Array {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(unit32(rng)));
    const t = 2 * Math.PI * unit32(rng);
    out[i] = mean + std * r * Math.cos(t);
    if (i + 1 < out.length) out[i + 1] = mean + std * r * Math.sin(t);
  }
  return out;
}

/** Fills `out` with U(low, high) draws (32-bit resolution). */
export function fillUniform(rng: Rng, out: Float64Array, low: number, high: number): Float64Array {
  const span = high - low;
  for (let i = 0; i < out.length; i++) out[i] = low + span * unit32(rng);
  return out;
}
