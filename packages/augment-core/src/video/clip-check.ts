import { AugmentArgumentError } from '../errors';
import type { Clip } from '../image';

/** Throws unless `clip` is a well-formed clip of at least one 3-channel frame; `argument` names it. */
export function assertClip(clip: Clip, argument = 'clip'): void {
  if (!clip || !Number.isInteger(clip.frames) || clip.frames < 1) {
    throw new AugmentArgumentError(argument, `needs at least one frame, got ${clip?.frames}`);
  }
  if ((clip.channels as number) !== 3) throw new AugmentArgumentError(argument, `must have 3 channels (RGB), got ${clip.channels}`);
  for (const key of ['width', 'height'] as const) {
    if (!Number.isInteger(clip[key]) || clip[key] < 1) throw new AugmentArgumentError(argument, `${key} must be a positive integer, got ${clip[key]}`);
  }
  const expected = clip.frames * clip.width * clip.height * 3;
  if (clip.data.length !== expected) {
    throw new AugmentArgumentError(
      argument,
      `data holds ${clip.data.length} values, but ${clip.frames} frames of ${clip.width}x${clip.height}x3 need ${expected} (are the frames all the same size?)`,
    );
  }
}

/** Frame size in values. */
export function frameSize(clip: { width: number; height: number }): number {
  return clip.width * clip.height * 3;
}
