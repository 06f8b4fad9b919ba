import type { ClipF32, ImageF32 } from './image';
import type { Rng } from './rng';

/**
 * Where mixing pictures come from (implemented in @vpixmix/mixing-sets: procedural fractals,
 * image folders, ...). Synchronous: sources that read slow media load into memory first.
 */
export interface MixingSource {
  readonly name: string;
  /** Number of distinct pictures (>= 1); indices wrap modulo this. */
  readonly length: number;
  /**
   * Picture `index` at width x height, float [0, 1]. `rng` drives any random
   * preprocessing (the reference's Resize(size*36/32) + RandomCrop(size)).
   */
  picture(index: number, width: number, height: number, rng: Rng): ImageF32;
}

/** A source of mixing clips whose consecutive frames move smoothly (fractal zoom, video). */
export interface MixingClipSource extends MixingSource {
  /** `frames` consecutive frames of clip `index` at width x height, float [0, 1]. */
  clip(index: number, frames: number, width: number, height: number, rng: Rng): ClipF32;
}

export function isMixingClipSource(source: MixingSource): source is MixingClipSource {
  return typeof (source as Partial<MixingClipSource>).clip === 'function';
}
