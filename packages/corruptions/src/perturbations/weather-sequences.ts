import { gaussianFilter } from '../filters/gaussian-filter';
import { shiftValue } from '../filters/hsv';
import { fillNormal } from '../filters/random-fields';
import { liquidToBytes, waterMask } from '../filters/spatter-layer';
import { unitFloat } from '../pixels';
import { type SpatterWithoutWater, addWater } from '../image/spatter';
import { blurSnow, composeSnow, snowLayer } from '../image/weather';
import { definePerturbation } from './build';

/** 31 frames with HSV value shifted by -0.225..0.225 in 0.015 steps. */
export const brightnessSequence = definePerturbation({
  name: 'brightness',
  frames: 31,
  build(pixels) {
    return Array.from({ length: 31 }, (_, i) => Uint8Array.from(shiftValue(unitFloat(pixels), ((i - 15) * 1.5) / 100), (v) => v * 255));
  },
});

/**
 * 31 frames of water running down the picture: one liquid layer (N(0.6, 0.265), smoothed,
 * thresholded at 0.7) rendered as water drops (strength 0.6), then flowing down by
 * convolving each column with [0.2, 0.8] between frames. Once the water has left the
 * frame the reference's frames are black ('reference'); 'unchanged' shows the picture.
 */
export function createSpatterSequence(withoutWater: SpatterWithoutWater = 'reference') {
  return definePerturbation({
    name: 'spatter',
    frames: 31,
    minSize: 3,
    build(pixels, { width, height }, rng) {
      const raw = fillNormal(rng, new Float64Array(width * height), 0.6, 0.265);
      let liquid = gaussianFilter(raw, width, height, 1, 1.75);
      for (let i = 0; i < liquid.length; i++) if (liquid[i] < 0.7) liquid[i] = 0;
      const frames: Uint8Array[] = [];
      for (let t = 0; t < 31; t++) {
        frames.push(addWater(pixels, waterMask(liquidToBytes(liquid), width, height, 0.6), withoutWater));
        const next = new Float64Array(liquid.length);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) next[y * width + x] = (y > 0 ? 0.8 * liquid[(y - 1) * width + x] : 0) + 0.2 * liquid[y * width + x];
        }
        liquid = next;
      }
      return frames;
    },
  });
}

export const spatterSequence = createSpatterSequence('reference');

/** 31 frames of one snow layer (zoom 2) falling at angles turning from -150° in 4° steps (ImageNet-P's test set; CIFAR-P's evaluation uses spatter). */
export const snowSequence = definePerturbation({
  name: 'snow',
  frames: 31,
  minSize: 2,
  build(pixels, size, rng) {
    const layer = snowLayer(size, [0.05, 0.3, 2, 0.5, 0, 0, 0], rng.split().state());
    return Array.from({ length: 31 }, (_, i) => composeSnow(pixels, blurSnow(layer, size, 10, 2, i * 4 - 150), 0.85, 'float64'));
  },
});
