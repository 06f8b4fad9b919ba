import type { Image, ImageU8 } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import type { Severity } from './severity';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** What every corruption's parameters record: which corruption, how severe, for what size. */
export interface CorruptionParams {
  readonly corruption: string;
  readonly severity: Severity;
  readonly width: number;
  readonly height: number;
}

export type CorruptionCategory = 'noise' | 'blur' | 'weather' | 'digital';

/**
 * One image corruption of the -C benchmarks: `sampleParams` draws everything random for an
 * image of a given size (small, JSON-able: angles, offsets, generator states for noise
 * fields), `apply` is pure. The same params on every frame of a clip give a clip-consistent
 * corruption; fresh params per frame give an independent one.
 */
export interface ImageCorruption<P extends CorruptionParams = CorruptionParams> {
  readonly name: string;
  readonly category: CorruptionCategory;
  /** The severity constants of the reference, one entry per severity 1-5. */
  readonly constants: readonly unknown[];
  /** Throws ImageTooSmallError when an image of `size` is too small for this corruption. */
  checkSize(size: Size): void;
  sampleParams(rng: Rng, severity: number, size: Size): P;
  /** The corrupted image: uint8, same size. Float input is converted to uint8 first (as the reference works on 8-bit pictures). */
  apply(image: Image, params: P): ImageU8;
}
