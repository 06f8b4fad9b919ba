import { AugmentArgumentError } from '../errors';
import type { Clip, ClipU8, ImageU8 } from '../image';
import { assertClip, frameSize } from './clip-check';

/**
 * Mean absolute difference between consecutive frames, in [0, 1] units (8-bit values / 255),
 * per step and overall. 0 for a one-frame clip.
 */
export function frameDifferences(clip: Clip): { mean: number; perStep: number[] } {
  assertClip(clip);
  const size = frameSize(clip);
  const scale = clip.data instanceof Uint8Array ? 1 / 255 : 1;
  const perStep: number[] = [];
  for (let t = 1; t < clip.frames; t++) {
    let sum = 0;
    const a = (t - 1) * size;
    const b = t * size;
    for (let i = 0; i < size; i++) sum += Math.abs(clip.data[b + i] - clip.data[a + i]);
    perStep.push((sum * scale) / size);
  }
  const mean = perStep.length ? perStep.reduce((s, d) => s + d, 0) / perStep.length : 0;
  return { mean, perStep };
}

/** A clip whose frames are all `image` (nothing moves). */
export function staticClip(image: ImageU8, frames: number): ClipU8 {
  if (!Number.isInteger(frames) || frames < 1) throw new AugmentArgumentError('frames', `must be an integer >= 1, got ${frames}`);
  const size = image.width * image.height * 3;
  const data = new Uint8Array(frames * size);
  for (let t = 0; t < frames; t++) data.set(image.data, t * size);
  return { frames, width: image.width, height: image.height, channels: 3, data };
}

/**
 * The temporal consistency of an augmentation: augment a static clip (every frame the same
 * image) and measure how much consecutive augmented frames differ. Whatever moves was put
 * there by the augmentation: 0 when every draw is frozen and the mixing material is still,
 * small and steady when it moves smoothly (fractal zoom), large for per-frame draws (flicker).
 * `smoothness` is the spread (std) of the per-step differences.
 */
export function temporalConsistency(augment: (clip: ClipU8) => Clip, image: ImageU8, frames = 16): { mean: number; perStep: number[]; smoothness: number } {
  const { mean, perStep } = frameDifferences(augment(staticClip(image, frames)));
  const spread = perStep.length ? Math.sqrt(perStep.reduce((s, d) => s + (d - mean) ** 2, 0) / perStep.length) : 0;
  return { mean, perStep, smoothness: spread };
}
