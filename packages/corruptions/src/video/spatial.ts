import { AugmentArgumentError } from '@vpixmix/augment-core';
import { type Clip, type ClipU8, clipFrame } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import { checkSeverity } from '../severity';
import type { CorruptionParams, ImageCorruption } from '../types';
import type { ClipSize, VideoCorruption, VideoCorruptionParams } from './types';

export interface PerFrameParams extends VideoCorruptionParams {
  /** One draw of the image corruption per frame. */
  readonly frames: readonly CorruptionParams[];
}

export interface ClipConsistentParams extends VideoCorruptionParams {
  /** One draw of the image corruption, applied to every frame. */
  readonly frame: CorruptionParams;
}

function checkClip(name: string, clip: Clip, size: { frames: number; width: number; height: number }): void {
  if (clip.frames !== size.frames || clip.width !== size.width || clip.height !== size.height) {
    throw new AugmentArgumentError('params', `${name} params were drawn for a ${size.frames}x${size.width}x${size.height} clip, got ${clip.frames}x${clip.width}x${clip.height}`);
  }
}

function mapFrames(clip: Clip, corrupt: (frame: ReturnType<typeof clipFrame>, t: number) => Uint8Array): ClipU8 {
  const size = clip.width * clip.height * 3;
  const data = new Uint8Array(size * clip.frames);
  for (let t = 0; t < clip.frames; t++) data.set(corrupt(clipFrame(clip, t), t), t * size);
  return { frames: clip.frames, width: clip.width, height: clip.height, channels: 3, data };
}

/** The image corruption drawn afresh for every frame (sensor noise: independent per frame). */
export function perFrame(corruption: ImageCorruption): VideoCorruption<PerFrameParams> {
  return {
    name: corruption.name,
    kind: 'per-frame',
    sampleParams(rng: Rng, severity: number, clip: ClipSize): PerFrameParams {
      const s = checkSeverity(corruption.name, severity);
      const frames = Array.from({ length: clip.frames }, () => corruption.sampleParams(rng, s, clip));
      return { corruption: corruption.name, severity: s, frames };
    },
    apply(clip: Clip, params: PerFrameParams): ClipU8 {
      if (params.frames.length !== clip.frames) {
        throw new AugmentArgumentError('params', `${corruption.name} params hold ${params.frames.length} frames, the clip has ${clip.frames}`);
      }
      return mapFrames(clip, (frame, t) => corruption.apply(frame, params.frames[t]).data);
    },
  };
}

/** The image corruption drawn once and applied identically to every frame (a blur, a fog bank, a codec setting). */
export function clipConsistent(corruption: ImageCorruption): VideoCorruption<ClipConsistentParams> {
  return {
    name: corruption.name,
    kind: 'clip-consistent',
    sampleParams(rng: Rng, severity: number, clip: ClipSize): ClipConsistentParams {
      const s = checkSeverity(corruption.name, severity);
      return { corruption: corruption.name, severity: s, frame: corruption.sampleParams(rng, s, clip) };
    },
    apply(clip: Clip, params: ClipConsistentParams): ClipU8 {
      checkClip(corruption.name, clip, { frames: clip.frames, width: params.frame.width, height: params.frame.height });
      return mapFrames(clip, (frame) => corruption.apply(frame, params.frame).data);
    },
  };
}
