import { describe, expect, it } from 'vitest';
import type { KernelProfile } from '@vpixmix/tf-backend';
import { compareProfiles, fastestPerKernel } from './compare-profiles';

const profile = (kernels: [string, number][]): KernelProfile => {
  const kernelMs = kernels.reduce((t, [, ms]) => t + ms, 0);
  return {
    wallMs: kernelMs + 1,
    kernelMs,
    timer: 'test timer',
    kernels: kernels.map(([kernel, ms]) => ({ kernel, ms, calls: 1, share: ms / kernelMs, slowestInputs: [], slowestMs: ms })),
  };
};

describe('bench train profile comparison', () => {
  it('keeps each kernel at its fastest over several profiles and recomputes the totals', () => {
    const best = fastestPerKernel([profile([['Conv2D', 10], ['Add', 3]]), profile([['Conv2D', 12], ['Add', 1]])]);
    expect(best.kernels.map((k) => [k.kernel, k.ms])).toEqual([['Conv2D', 10], ['Add', 1]]);
    expect(best.kernelMs).toBe(11);
    expect(best.kernels[0].share).toBeCloseTo(10 / 11);
  });

  it('lists stock and our time per kernel with the speed-up, and all kernels last', () => {
    const lines = compareProfiles(profile([['Conv2DBackpropFilter', 2], ['Add', 1]]), profile([['Conv2DBackpropFilter', 8], ['Add', 1]]));
    expect(lines[1]).toMatch(/^Conv2DBackpropFilter +2\.0 +8\.0 +4\.00x$/);
    expect(lines[2]).toMatch(/^Add +1\.0 +1\.0 +1\.00x$/);
    expect(lines[3]).toMatch(/^all kernels +3\.0 +9\.0 +3\.00x$/);
  });
});
