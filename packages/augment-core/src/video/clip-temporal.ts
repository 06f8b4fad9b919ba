import { AugmentArgumentError } from '../errors';
import type { Clip, PixelBuffer } from '../image';
import type { Rng } from '../rng';
import { assertClip, frameSize } from './clip-check';

export interface TemporalOptions {
  /** Frames in the sampled clip. */
  readonly frames: number;
  /** Step between sampled frames (default 1). */
  readonly stride?: number;
  /** 'random' start (training) or 'center' (evaluation). Default 'random'. */
  readonly start?: 'random' | 'center';
  /** When the source is too short: 'error' (default), 'loop' (wrap around) or 'clamp' (repeat the last frame). */
  readonly short?: 'error' | 'loop' | 'clamp';
}

/** The frame indices of a temporal sample: `frames` indices `stride` apart from a random or centred start. */
export function sampleTemporal(rng: Rng | null, total: number, options: TemporalOptions): number[] {
  const { frames, stride = 1, start = 'random', short = 'error' } = options;
  if (!Number.isInteger(frames) || frames < 1) throw new AugmentArgumentError('frames', `must be an integer >= 1, got ${frames}`);
  if (!Number.isInteger(stride) || stride < 1) throw new AugmentArgumentError('stride', `must be an integer >= 1, got ${stride}`);
  if (!Number.isInteger(total) || total < 1) throw new AugmentArgumentError('clip', `needs at least one frame, got ${total}`);
  const span = (frames - 1) * stride + 1;
  if (span > total) {
    if (short === 'error') {
      throw new AugmentArgumentError('frames', `${frames} frames ${stride} apart span ${span} frames; the clip has ${total}. Ask for fewer, a smaller stride, or short 'loop' / 'clamp'`);
    }
    return Array.from({ length: frames }, (_, i) => (short === 'loop' ? (i * stride) % total : Math.min(i * stride, total - 1)));
  }
  const slack = total - span;
  let first: number;
  if (start === 'center') first = Math.floor(slack / 2);
  else {
    if (!rng) throw new AugmentArgumentError('rng', "a random start needs an Rng (or use start 'center')");
    first = rng.int(0, slack + 1);
  }
  return Array.from({ length: frames }, (_, i) => first + i * stride);
}

/** The clip made of `indices` frames of `clip`, in that order. */
export function selectFrames<D extends PixelBuffer>(clip: Clip<D>, indices: readonly number[]): Clip<D> {
  assertClip(clip);
  if (indices.length === 0) throw new AugmentArgumentError('indices', 'a clip needs at least one frame');
  const size = frameSize(clip);
  const out = (clip.data instanceof Uint8Array ? new Uint8Array(indices.length * size) : new Float32Array(indices.length * size)) as D;
  indices.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index >= clip.frames) throw new AugmentArgumentError(`indices[${i}]`, `must be in [0, ${clip.frames - 1}], got ${index}`);
    out.set(clip.data.subarray(index * size, (index + 1) * size), i * size);
  });
  return { frames: indices.length, width: clip.width, height: clip.height, channels: 3, data: out };
}
