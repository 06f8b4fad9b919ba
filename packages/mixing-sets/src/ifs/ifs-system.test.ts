import { Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { MAX_MAPS, MIN_MAPS, packIfs, sampleIfsSystem } from './ifs-system';

describe('sampleIfsSystem (FractalDB parameterisation)', () => {
  it('draws 2-7 maps with coefficients in [-1, 1) and probabilities proportional to |det|', () => {
    const counts = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const system = sampleIfsSystem(Rng.seeded(4, i));
      counts.add(system.maps.length);
      expect(system.maps.length).toBeGreaterThanOrEqual(MIN_MAPS);
      expect(system.maps.length).toBeLessThanOrEqual(MAX_MAPS);
      const dets = system.maps.map(([a, b, c, d]) => Math.abs(a * d - b * c));
      const total = dets.reduce((s, v) => s + v, 0);
      system.maps.forEach((map, j) => {
        for (const v of map) expect(v >= -1 && v < 1).toBe(true);
        expect(system.probabilities[j]).toBeCloseTo(dets[j] / total, 12);
      });
      expect(system.probabilities.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
    expect([...counts].sort()).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('is a function of the generator state', () => {
    expect(sampleIfsSystem(Rng.seeded(9))).toEqual(sampleIfsSystem(Rng.seeded(9)));
    expect(sampleIfsSystem(Rng.seeded(9))).not.toEqual(sampleIfsSystem(Rng.seeded(10)));
  });

  it('packs cumulative thresholds whose last entry catches every draw', () => {
    const packed = packIfs({ maps: [[1, 0, 0, 1, 0, 0], [0.5, 0, 0, 0.5, 0, 0]], probabilities: [0.25, 0.75] });
    expect(packed.count).toBe(2);
    expect(packed.thresholds[0]).toBe(0.25 * 2 ** 32);
    expect(packed.thresholds[1]).toBe(Infinity);
    expect(Array.from(packed.coefficients)).toEqual([1, 0, 0, 1, 0, 0, 0.5, 0, 0, 0.5, 0, 0]);
  });
});
