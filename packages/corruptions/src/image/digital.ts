import { defineCorruption } from '../define';
import { resizeBox } from '../filters/box-resize';
import { scaleSaturation, shiftValue } from '../filters/hsv';
import { jpegRoundTrip } from '../filters/jpeg';
import { unitFloat, unitToBytes } from '../pixels';

/** HSV value + c, c = [.05, .1, .15, .2, .3] (skimage's colour conversion). */
export const brightness = defineCorruption<number>({
  name: 'brightness',
  category: 'weather',
  constants: [0.05, 0.1, 0.15, 0.2, 0.3],
  apply(pixels, _size, c) {
    return unitToBytes(shiftValue(unitFloat(pixels), c));
  },
});

/** (x - channel mean) * c + channel mean, c = [.75, .5, .4, .3, .15]. */
export const contrast = defineCorruption<number>({
  name: 'contrast',
  category: 'digital',
  constants: [0.75, 0.5, 0.4, 0.3, 0.15],
  apply(pixels, _size, c) {
    const x = unitFloat(pixels);
    const means = [0, 0, 0];
    for (let i = 0; i < x.length; i++) means[i % 3] += x[i];
    const n = x.length / 3;
    for (let ch = 0; ch < 3; ch++) means[ch] /= n;
    for (let i = 0; i < x.length; i++) x[i] = (x[i] - means[i % 3]) * c + means[i % 3];
    return unitToBytes(x);
  },
});

/** Pillow BOX resize down to floor(size * c), then back up, c = [.95, .9, .85, .75, .65]. */
export const pixelate = defineCorruption<number>({
  name: 'pixelate',
  category: 'digital',
  constants: [0.95, 0.9, 0.85, 0.75, 0.65],
  minSize: 2,
  apply(pixels, { width, height }, c) {
    const w = Math.trunc(width * c);
    const h = Math.trunc(height * c);
    return resizeBox(resizeBox(pixels, width, height, w, h), w, h, width, height);
  },
});

/** Pillow JPEG at quality c = [80, 65, 58, 50, 40] and back (libjpeg-turbo's arithmetic, 4:2:0). */
export const jpegCompression = defineCorruption<number>({
  name: 'jpeg_compression',
  category: 'digital',
  constants: [80, 65, 58, 50, 40],
  apply(pixels, { width, height }, quality) {
    return jpegRoundTrip(pixels, width, height, quality);
  },
});

/** HSV saturation * c[0] + c[1] (a held-out corruption of the -C archives). */
export const saturate = defineCorruption<readonly [number, number]>({
  name: 'saturate',
  category: 'digital',
  constants: [
    [0.3, 0],
    [0.1, 0],
    [1.5, 0],
    [2, 0.1],
    [2.5, 0.2],
  ],
  apply(pixels, _size, [scale, offset]) {
    return unitToBytes(scaleSaturation(unitFloat(pixels), scale, offset));
  },
});
