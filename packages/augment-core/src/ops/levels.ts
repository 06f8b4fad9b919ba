import type { Rng } from '../rng';

/**
 * The reference's level mapping (augmentations.py of PixMix/AugMix): a level is drawn
 * uniformly in [0.1, severity) and scaled into each op's range.
 */
export function sampleLevel(rng: Rng, severity: number): number {
  return rng.uniform(0.1, severity);
}

/** `int(level * maxval / 10)`: Python's int() truncates toward zero. */
export function intParameter(level: number, maxval: number): number {
  return Math.trunc((level * maxval) / 10);
}

/** `float(level) * maxval / 10.` */
export function floatParameter(level: number, maxval: number): number {
  return (level * maxval) / 10;
}

/** The reference's `if np.random.uniform() > 0.5: v = -v` (one draw, always taken). */
export function randomSign(rng: Rng, value: number): number {
  return rng.random() > 0.5 ? 0 - value : value; // 0 - 0 is +0, as Python's int negation
}
