import { AugmentArgumentError } from '@vpixmix/augment-core';
import type { Image, ImageU8 } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import { ImageTooSmallError } from './errors';
import { asBytes, wrapImage } from './pixels';
import { type Severity, atSeverity, checkSeverity } from './severity';
import type { CorruptionCategory, CorruptionParams, ImageCorruption, Size } from './types';

export interface CorruptionSpec<C, P> {
  name: string;
  category: CorruptionCategory;
  /** The published constants, severities 1-5. */
  constants: readonly [C, C, C, C, C];
  /** Smallest width and height that work (default 1). */
  minSize?: number;
  /** Draws the random part for an image of `size` (default: nothing random). */
  sample?: (rng: Rng, c: C, size: Size) => P;
  /** The corruption on 8-bit pixels; returns the new bytes. */
  apply: (pixels: Uint8Array, size: Size, c: C, params: P) => Uint8Array;
}

function sizeChecker(name: string, minSize: number): (size: Size) => void {
  return (size) => {
    if (size.width < minSize || size.height < minSize) throw new ImageTooSmallError(name, size, `at least ${minSize}x${minSize} pixels`);
  };
}

/** Builds an ImageCorruption with argument checks, size checks and float-input handling. */
export function defineCorruption<C, P extends object = object>(spec: CorruptionSpec<C, P>): ImageCorruption<CorruptionParams & P> {
  const checkSize = sizeChecker(spec.name, spec.minSize ?? 1);
  return {
    name: spec.name,
    category: spec.category,
    constants: spec.constants,
    checkSize,
    sampleParams(rng: Rng, severity: number, size: Size): CorruptionParams & P {
      const s: Severity = checkSeverity(spec.name, severity);
      checkSize(size);
      const random = spec.sample ? spec.sample(rng, atSeverity(spec.constants, s), size) : ({} as P);
      return { corruption: spec.name, severity: s, width: size.width, height: size.height, ...random };
    },
    apply(image: Image, params: CorruptionParams & P): ImageU8 {
      if (params.corruption !== spec.name) {
        throw new AugmentArgumentError('params', `were drawn for ${params.corruption}, not ${spec.name}`);
      }
      const s = checkSeverity(spec.name, params.severity);
      const bytes = asBytes(image);
      checkSize(bytes);
      if (bytes.width !== params.width || bytes.height !== params.height) {
        throw new AugmentArgumentError('params', `were drawn for a ${params.width}x${params.height} image, got ${bytes.width}x${bytes.height}`);
      }
      const out = spec.apply(bytes.data, bytes, atSeverity(spec.constants, s), params);
      return wrapImage(bytes.width, bytes.height, out);
    },
  };
}
