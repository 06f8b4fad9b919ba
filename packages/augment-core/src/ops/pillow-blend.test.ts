import { describe, expect, it } from 'vitest';
import { randomImage } from '../testing/images';
import { blendInto, blendWithGreyInto, luma, sharpenInto, smoothFilter } from './pillow-blend';

describe('pillow-blend fast paths', () => {
  it('SMOOTH rounds by multiply and shift exactly as by division, for every reachable weighted sum', () => {
    for (let w = 0; w <= 13 * 255; w++) expect(((2 * w + 13) * 40330) >>> 20, `w = ${w}`).toBe(Math.floor((2 * w + 13) / 26));
    // A flat image stays flat: the all-255 sum is the largest.
    const flat = new Uint8Array(5 * 5 * 3).fill(255);
    const out = new Uint8Array(flat.length);
    smoothFilter(flat, 5, 5, out);
    expect(out.every((v) => v === 255)).toBe(true);
  });

  it('blends with grey as blendInto does against the materialised grey copy', () => {
    for (const [seed, factor] of [[1, 0], [2, 1], [3, 0.27], [4, 0.9999], [5, 1.6], [6, -0.4], [7, 2.5]] as const) {
      const image = randomImage(9, 7, `grey${seed}`).data;
      const grey = new Uint8Array(image.length);
      for (let i = 0; i < image.length; i += 3) grey[i] = grey[i + 1] = grey[i + 2] = luma(image[i], image[i + 1], image[i + 2]);
      const expected = new Uint8Array(image.length);
      blendInto(grey, image, factor, expected);
      const actual = new Uint8Array(image.length);
      blendWithGreyInto(image, factor, actual);
      expect(Array.from(actual), `factor ${factor}`).toEqual(Array.from(expected));
    }
  });

  it('sharpens as blendInto against smoothFilter does, for every factor kind and small sizes', () => {
    for (const [width, height] of [[1, 1], [2, 5], [3, 3], [4, 7], [32, 32], [45, 17]] as const) {
      for (const factor of [0, 1, 0.118, 0.5, 0.9999, 1.9, -0.7]) {
        const image = randomImage(width, height, `sharp${width}x${height}`).data;
        const smoothed = new Uint8Array(image.length);
        smoothFilter(image, width, height, smoothed);
        const expected = new Uint8Array(image.length);
        blendInto(smoothed, image, factor, expected);
        const actual = new Uint8Array(image.length);
        sharpenInto(image, width, height, factor, actual);
        expect(Buffer.from(actual).equals(Buffer.from(expected)), `${width}x${height} factor ${factor}`).toBe(true);
      }
    }
  });
});
