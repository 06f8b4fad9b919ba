import { describe, expect, it } from 'vitest';
import { colorStd, meanAbsoluteDifference, nonBackgroundShare } from './quality';

const image = (data: number[], width: number, height: number) => ({ width, height, channels: 3 as const, data: Float32Array.from(data) });

describe('quality measures', () => {
  it('colorStd is 0 for a flat picture and 0.5 for a black/white checkerboard', () => {
    expect(colorStd(image(new Array(12).fill(0.3), 2, 2))).toBeCloseTo(0, 12);
    expect(colorStd(image([0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0], 2, 2))).toBeCloseTo(0.5, 12);
    expect(colorStd({ width: 2, height: 1, channels: 3, data: Uint8Array.from([0, 0, 0, 255, 255, 255]) })).toBeCloseTo(0.5, 12);
  });

  it('nonBackgroundShare counts pixels away from the background beyond the tolerance', () => {
    const background = new Float32Array(12).fill(0.1);
    expect(nonBackgroundShare(image([0.1, 0.1, 0.1, 0.11, 0.1, 0.1, 0.5, 0.1, 0.1, 0.1, 0.1, 0.9], 2, 2), background)).toBe(0.5);
  });

  it('meanAbsoluteDifference compares float and 8-bit data on one scale', () => {
    expect(meanAbsoluteDifference({ data: Float32Array.from([0, 1]) }, { data: Uint8Array.from([255, 255]) })).toBeCloseTo(0.5, 12);
    expect(() => meanAbsoluteDifference({ data: new Float32Array(2) }, { data: new Float32Array(3) })).toThrow(RangeError);
  });
});
