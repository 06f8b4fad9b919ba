import { AugmentArgumentError } from '@vpixmix/augment-core';
import type { Clip, ClipU8 } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import { ClipTooShortError } from '../errors';
import { asBytes } from '../pixels';
import { atSeverity, checkSeverity } from '../severity';
import type { ClipSize, VideoCorruption, VideoCorruptionParams } from './types';

export interface TemporalParams extends VideoCorruptionParams {
  /** Output frame t shows input frame order[t]. */
  readonly order: readonly number[];
}

type Five = readonly [number, number, number, number, number];

function defineTemporal(name: string, constants: Five, makeOrder: (rng: Rng, c: number, frames: number) => number[]): VideoCorruption<TemporalParams> {
  return {
    name,
    kind: 'temporal',
    sampleParams(rng: Rng, severity: number, clip: ClipSize): TemporalParams {
      const s = checkSeverity(name, severity);
      if (clip.frames < 2) throw new ClipTooShortError(name, clip.frames, 2);
      return { corruption: name, severity: s, order: makeOrder(rng, atSeverity(constants, s), clip.frames) };
    },
    apply(clip: Clip, params: TemporalParams): ClipU8 {
      const { order } = params;
      if (order.length !== clip.frames || order.some((i) => !Number.isInteger(i) || i < 0 || i >= clip.frames)) {
        throw new AugmentArgumentError('params', `${name}: order must list ${clip.frames} frame indices in [0, ${clip.frames - 1}]`);
      }
      const size = clip.width * clip.height * 3;
      const src = clip.data instanceof Uint8Array ? clip.data : asBytes({ width: clip.width, height: clip.height * clip.frames, channels: 3, data: clip.data }).data;
      const data = new Uint8Array(size * clip.frames);
      order.forEach((from, t) => data.set(src.subarray(from * size, (from + 1) * size), t * size));
      return { frames: clip.frames, width: clip.width, height: clip.height, channels: 3, data };
    },
  };
}

const span = (frames: number, fraction: number) => Math.min(frames, Math.max(2, Math.round(frames * fraction)));

/** Only every k-th frame survives (k = 2, 3, 4, 6, 8) and is held until the next: a lower frame rate at the same duration. */
export const frameRateDrop = defineTemporal('frame_rate', [2, 3, 4, 6, 8], (_rng, k, frames) =>
  Array.from({ length: frames }, (_, t) => Math.floor(t / k) * k),
);

/** The picture stalls on one frame for 20-80% of the clip, then jumps to where time has got to. */
export const frameFreeze = defineTemporal('freeze', [0.2, 0.35, 0.5, 0.65, 0.8], (rng, fraction, frames) => {
  const length = span(frames, fraction);
  const start = rng.int(0, frames - length + 1);
  return Array.from({ length: frames }, (_, t) => (t >= start && t < start + length ? start : t));
});

/** A stretch of 20-100% of the clip plays backwards (severity 5: the whole clip reversed). */
export const reverseOrder = defineTemporal('reverse', [0.2, 0.4, 0.6, 0.8, 1], (rng, fraction, frames) => {
  const length = span(frames, fraction);
  const start = rng.int(0, frames - length + 1);
  return Array.from({ length: frames }, (_, t) => (t >= start && t < start + length ? 2 * start + length - 1 - t : t));
});

/** The clip is cut into 2, 3, 4, 6 or 8 equal segments that play in a shuffled (never the original) order. */
export const jumbledSegments = defineTemporal('jumble', [2, 3, 4, 6, 8], (rng, count, frames) => {
  const n = Math.min(count, frames);
  const bounds = Array.from({ length: n + 1 }, (_, i) => Math.round((i * frames) / n));
  let perm = rng.permutation(n);
  while (perm.every((v, i) => v === i)) perm = rng.permutation(n);
  return perm.flatMap((seg) => Array.from({ length: bounds[seg + 1] - bounds[seg] }, (_, j) => bounds[seg] + j));
});

/** 10-50% of the frames (never the first) are lost at random; the player repeats the last frame it received. */
export const droppedFrames = defineTemporal('drop_frames', [0.1, 0.2, 0.3, 0.4, 0.5], (rng, fraction, frames) => {
  const count = Math.max(1, Math.round(fraction * (frames - 1)));
  const lost = new Set(rng.permutation(frames - 1).slice(0, count).map((i) => i + 1));
  const order = [0];
  for (let t = 1; t < frames; t++) order.push(lost.has(t) ? order[t - 1] : t);
  return order;
});

export const TEMPORAL_CORRUPTIONS = [frameRateDrop, frameFreeze, reverseOrder, jumbledSegments, droppedFrames];
