import { createImage, type ImageF32, type ImageU8 } from '../image';
import { Rng } from '../rng';

/** A random 8-bit image (deterministic from `seed`). */
export function randomImage(width: number, height: number, seed: number | string): ImageU8 {
  const rng = Rng.seeded(seed, 'test-image');
  return createImage(width, height, Uint8Array.from({ length: width * height * 3 }, () => rng.int(0, 256)));
}

/** A smooth 8-bit test scene: gradients plus a disc, so geometric ops visibly move structure. */
export function sceneImage(width: number, height: number): ImageU8 {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const inside = (x - width * 0.6) ** 2 + (y - height * 0.4) ** 2 < (Math.min(width, height) * 0.25) ** 2;
      data[o] = inside ? 230 : Math.round((x / Math.max(1, width - 1)) * 200);
      data[o + 1] = inside ? 60 : Math.round((y / Math.max(1, height - 1)) * 180);
      data[o + 2] = inside ? 40 : 120;
    }
  }
  return createImage(width, height, data);
}

/** A random float image in [0, 1]. */
export function randomFloatImage(width: number, height: number, seed: number | string): ImageF32 {
  const rng = Rng.seeded(seed, 'test-float-image');
  return createImage(width, height, Float32Array.from({ length: width * height * 3 }, () => rng.random()));
}
