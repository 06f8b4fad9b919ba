import { AugmentArgumentError } from '@vpixmix/augment-core';
import { Rng, type RngState } from '@vpixmix/augment-core';
import { defineCorruption } from '../define';
import { defocusDisk, filter2dReflect101 } from '../filters/filter2d';
import { gaussianFilter } from '../filters/gaussian-filter';
import { unit32 } from '../filters/random-fields';
import { magickMotionKernel, motionBlurBytes } from '../filters/motion-blur';
import { clippedZoom, numpyArange } from '../filters/zoom';
import { unitFloat, unitToBytes } from '../pixels';

/** Convolution with an antialiased disk of radius c[0] (alias blur c[1]). */
export const defocusBlur = defineCorruption<readonly [number, number]>({
  name: 'defocus_blur',
  category: 'blur',
  constants: [
    [0.3, 0.4],
    [0.4, 0.5],
    [0.5, 0.6],
    [1, 0.2],
    [1.5, 0.1],
  ],
  apply(pixels, { width, height }, [radius, aliasBlur]) {
    return unitToBytes(filter2dReflect101(unitFloat(pixels), width, height, defocusDisk(radius, aliasBlur)));
  },
});

/** How glass blur's local shuffle moves a pixel. */
export type GlassShuffle = 'reference' | 'swap';

export interface GlassBlurParams {
  readonly shuffle: RngState;
}

/**
 * Glass blur: Gaussian blur (sigma), then `iterations` sweeps from the bottom-right that
 * move each pixel by a random offset in [-delta, delta) on each axis, then blur again.
 *
 * 'reference' reproduces make_cifar_c.py exactly: its `x[h, w], x[h', w'] = x[h', w'], x[h, w]`
 * runs on numpy views, so it copies x[h', w'] into x[h, w] and leaves x[h', w'] as it was (no
 * swap). 'swap' exchanges the two pixels, as the code intends.
 */
export function createGlassBlur(shuffle: GlassShuffle = 'reference') {
  if (shuffle !== 'reference' && shuffle !== 'swap') {
    throw new AugmentArgumentError('shuffle', `must be 'reference' or 'swap', got ${String(shuffle)}`);
  }
  return defineCorruption<readonly [number, number, number], GlassBlurParams>({
    name: 'glass_blur',
    category: 'blur',
    constants: [
      [0.05, 1, 1],
      [0.25, 1, 1],
      [0.4, 1, 1],
      [0.25, 1, 2],
      [0.4, 1, 2],
    ],
    minSize: 4,
    sample: (rng) => ({ shuffle: rng.split().state() }),
    apply(pixels, { width, height }, [sigma, delta, iterations], params) {
      const blurred = gaussianFilter(unitFloat(pixels), width, height, 3, sigma);
      const x = new Uint8Array(blurred.length);
      for (let i = 0; i < x.length; i++) x[i] = blurred[i] * 255;
      const rng = Rng.fromState(params.shuffle);
      for (let it = 0; it < iterations; it++) {
        for (let h = height - delta; h > delta; h--) {
          for (let w = width - delta; w > delta; w--) {
            const dx = -delta + Math.floor(unit32(rng) * 2 * delta);
            const dy = -delta + Math.floor(unit32(rng) * 2 * delta);
            const a = (h * width + w) * 3;
            const b = ((h + dy) * width + w + dx) * 3;
            for (let c = 0; c < 3; c++) {
              const moved = x[b + c];
              if (shuffle === 'swap') x[b + c] = x[a + c];
              x[a + c] = moved;
            }
          }
        }
      }
      return unitToBytes(gaussianFilter(unitFloat(x), width, height, 3, sigma));
    },
  });
}

export const glassBlur = createGlassBlur('reference');

export interface MotionBlurParams {
  /** Degrees, U(-45, 45). */
  readonly angle: number;
}

/** ImageMagick's motion blur, radius c[0], sigma c[1], at a random angle in [-45, 45). */
export const motionBlur = defineCorruption<readonly [number, number], MotionBlurParams>({
  name: 'motion_blur',
  category: 'blur',
  constants: [
    [6, 1],
    [6, 1.5],
    [6, 2],
    [8, 2],
    [9, 2.5],
  ],
  sample: (rng) => ({ angle: rng.uniform(-45, 45) }),
  apply(pixels, { width, height }, [radius, sigma], { angle }) {
    return motionBlurBytes(pixels, width, height, 3, magickMotionKernel(radius, sigma, angle));
  },
});

const ZOOMS = [1.06, 1.11, 1.16, 1.21, 1.26].map((stop) => numpyArange(1, stop, 0.01)) as [number[], number[], number[], number[], number[]];

/** Mean of the image and its centre zoomed by every factor in np.arange(1, c, 0.01), in float32 as the reference. */
export const zoomBlur = defineCorruption<readonly number[]>({
  name: 'zoom_blur',
  category: 'blur',
  constants: ZOOMS,
  apply(pixels, { width, height }, zooms) {
    // Float32Array storage rounds every stored value to float32, as numpy's float32 arrays do.
    const x = Float32Array.from(pixels, (v) => v / 255);
    const sum = new Float32Array(x.length);
    const zoomed = new Float32Array(x.length);
    for (const z of zooms) {
      clippedZoom({ data: x, width, height, channels: 3 }, z, zoomed);
      for (let i = 0; i < sum.length; i++) sum[i] += zoomed[i];
    }
    const out = new Uint8Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = Math.fround(Math.fround(x[i] + sum[i]) / (zooms.length + 1));
      out[i] = Math.fround((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
    }
    return out;
  },
});

/** skimage Gaussian blur, sigma = [.4, .6, .7, .8, 1] (a held-out corruption of the -C archives). */
export const gaussianBlur = defineCorruption<number>({
  name: 'gaussian_blur',
  category: 'blur',
  constants: [0.4, 0.6, 0.7, 0.8, 1],
  apply(pixels, { width, height }, sigma) {
    return unitToBytes(gaussianFilter(unitFloat(pixels), width, height, 3, sigma));
  },
});
