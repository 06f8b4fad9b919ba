import type { ClipU8, Image } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';

/**
 * One -P perturbation: a sequence of gradually changing versions of an image, as
 * make_cifar_p.py makes them. Flip probability compares each frame with the previous one,
 * except for noise sequences, which compare every frame with frame 0.
 */
export interface Perturbation {
  readonly name: string;
  /** Frames per sequence in the published CIFAR-10-P / -100-P files. */
  readonly frames: number;
  /** Scored against frame 0 (noise sequences) rather than the previous frame. */
  readonly noise: boolean;
  /** The sequence for `image` (8-bit; float input is converted), frames x H x W x 3. */
  sequence(image: Image, rng: Rng): ClipU8;
}
