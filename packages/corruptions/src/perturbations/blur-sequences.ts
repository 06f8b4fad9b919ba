import { gaussianFilter } from '../filters/gaussian-filter';
import { magickMotionKernel, motionBlurBytes } from '../filters/motion-blur';
import { unitFloat } from '../pixels';
import { definePerturbation } from './build';
import { pillowAffineBilinear, torchvisionAffine } from './pillow-affine';

/** 21 frames of ImageMagick motion blur (radius 6, sigma 1.8), the angle turning from -180° to 0° in 9° steps. */
export const motionBlurSequence = definePerturbation({
  name: 'motion_blur',
  frames: 21,
  build(pixels, { width, height }) {
    return Array.from({ length: 21 }, (_, i) => motionBlurBytes(pixels, width, height, 3, magickMotionKernel(6, 1.8, (i - 20) * 9)));
  },
});

/** Frame 0 clean; frame i the running mean of the image zoomed by 1 + 0.004k for k = 0..i (float32, truncated). */
export const zoomBlurSequence = definePerturbation({
  name: 'zoom_blur',
  frames: 31,
  build(pixels, { width, height }) {
    const sum = Float64Array.from(pixels, (v) => Math.fround(v / 255));
    const frames = [Uint8Array.from(pixels)];
    for (let i = 1; i < 31; i++) {
      const zoomed = pillowAffineBilinear(pixels, width, height, torchvisionAffine(width, height, 0, [0, 0], 1 + 0.004 * i, 0));
      for (let k = 0; k < sum.length; k++) sum[k] = Math.fround(sum[k] + Math.fround(zoomed[k] / 255));
      frames.push(Uint8Array.from(sum, (v) => Math.fround(Math.fround(v / (i + 1)) * 255)));
    }
    return frames;
  },
});

/** skimage Gaussian blur with sigma 0.3 + 0.015 i (truncate 7), i = 0..30 (a validation perturbation). */
export const gaussianBlurSequence = definePerturbation({
  name: 'gaussian_blur',
  frames: 31,
  build(pixels, { width, height }) {
    const x = unitFloat(pixels);
    return Array.from({ length: 31 }, (_, i) => Uint8Array.from(gaussianFilter(x, width, height, 3, 0.3 + 0.015 * i, { truncate: 7 }), (v) => 255 * v));
  },
});
