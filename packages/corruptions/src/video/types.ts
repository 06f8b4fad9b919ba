import type { Clip, ClipU8 } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import type { Severity } from '../severity';

export interface ClipSize {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
}

/** How a video corruption treats time. */
export type VideoCorruptionKind = 'per-frame' | 'clip-consistent' | 'temporal';

export interface VideoCorruptionParams {
  readonly corruption: string;
  readonly severity: Severity;
}

/**
 * A corruption of a whole clip at severity 1-5. `sampleParams` draws once per clip;
 * `apply` is pure and returns a uint8 clip of the same shape (T x H x W x 3).
 */
export interface VideoCorruption<P extends VideoCorruptionParams = VideoCorruptionParams> {
  readonly name: string;
  readonly kind: VideoCorruptionKind;
  sampleParams(rng: Rng, severity: number, clip: ClipSize): P;
  apply(clip: Clip, params: P): ClipU8;
}
