import { describe, expect, it } from 'vitest';
import { flipProbability, isNoisePerturbation, meanFlipRate, MetricInputError, top5Distance } from './index';

describe('consistency on -P sequences', () => {
  it('compares with the previous frame, or with frame 0 for noise', () => {
    const predictions = [
      [0, 1, 1, 0], // consecutive flips 2/3; vs frame 0: 2/3
      [2, 2, 3, 3], // consecutive 1/3; vs frame 0: 2/3
    ];
    expect(flipProbability(predictions)).toBeCloseTo((2 / 3 + 1 / 3) / 2, 15);
    expect(flipProbability(predictions, { noise: true })).toBeCloseTo(2 / 3, 15);
    // difficulty 2: pairs (0,2), (1,3) -> video 0: 1 and 1; video 1: 1 and 1.
    expect(flipProbability(predictions, { difficulty: 2 })).toBe(1);
    expect(isNoisePerturbation('gaussian_noise')).toBe(true);
    expect(isNoisePerturbation('zoom_blur')).toBe(false);
  });

  it("measures the -P paper's top-5 distance", () => {
    const frame0 = [6, 5, 4, 3, 2, 1];
    const swapTopTwo = [5, 6, 4, 3, 2, 1];
    const firstToLast = [0, 6, 5, 4, 3, 2];
    expect(top5Distance([[frame0, swapTopTwo]])).toBe(2);
    // Class 0 leaves the top 5 (5 slots) and four classes move up one: 5 + 4.
    expect(top5Distance([[frame0, firstToLast]])).toBe(9);
    // Changes below the top 5 do not count.
    expect(top5Distance([[frame0, [6, 5, 4, 3, 2, 1.5]]])).toBe(0);
    // Previous frame vs frame 0.
    expect(top5Distance([[frame0, swapTopTwo, frame0]])).toBe(2);
    expect(top5Distance([[frame0, swapTopTwo, frame0]], { noise: true })).toBe(1);
    // Flat scores: one per row works too.
    expect(top5Distance([{ data: [...frame0, ...swapTopTwo], numClasses: 6 }])).toBe(2);
  });

  it('averages flip rates, plainly or normalised by a baseline', () => {
    expect(meanFlipRate([0.1, 0.3])).toBeCloseTo(0.2, 15);
    expect(meanFlipRate([0.1, 0.3], [0.2, 0.3])).toBeCloseTo(0.75, 15);
    expect(() => meanFlipRate([0.1], [0])).toThrow(/baselineFlipProbabilities: value 0 is 0/);
  });

  it('names the bad argument', () => {
    expect(() => flipProbability([])).toThrow(MetricInputError);
    expect(() => flipProbability([[1]])).toThrow(/predictions\[0\]: has too few frames/);
    expect(() => top5Distance([[[1, 2, 3], [3, 2, 1]]])).toThrow(/needs at least 5/);
    expect(() => flipProbability([[1, 2]], { difficulty: 0 })).toThrow(/difficulty/);
  });
});
