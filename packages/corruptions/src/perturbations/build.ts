import type { ClipU8, Image } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import { ImageTooSmallError } from '../errors';
import { asBytes } from '../pixels';
import type { Size } from '../types';
import type { Perturbation } from './types';

/** Makes a Perturbation from a function that returns its frames in order. */
export function definePerturbation(spec: {
  name: string;
  frames: number;
  noise?: boolean;
  /** Smallest width and height that work (default 1). */
  minSize?: number;
  build: (pixels: Uint8Array, size: Size, rng: Rng) => Uint8Array[];
}): Perturbation {
  const minSize = spec.minSize ?? 1;
  return {
    name: spec.name,
    frames: spec.frames,
    noise: spec.noise ?? false,
    sequence(image: Image, rng: Rng): ClipU8 {
      const bytes = asBytes(image);
      if (bytes.width < minSize || bytes.height < minSize) {
        throw new ImageTooSmallError(`the ${spec.name} perturbation`, bytes, `at least ${minSize}x${minSize} pixels`);
      }
      const frames = spec.build(bytes.data, bytes, rng);
      const size = bytes.data.length;
      const data = new Uint8Array(size * frames.length);
      frames.forEach((f, t) => data.set(f, t * size));
      return { frames: frames.length, width: bytes.width, height: bytes.height, channels: 3, data };
    },
  };
}
