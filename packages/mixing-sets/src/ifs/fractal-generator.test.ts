import { describe, expect, it } from 'vitest';
import { paintBackground } from '../color/background';
import { MixingArgumentError } from '../errors';
import { colorStd, meanAbsoluteDifference, nonBackgroundShare } from '../quality';
import { FractalGenerator } from './fractal-generator';

describe('FractalGenerator', () => {
  it('gives the same bytes for the same seed, whatever the generation order', () => {
    const forward = new FractalGenerator();
    const a = [0, 1, 2].map((i) => forward.generate(7, i, 32).image.data);
    const backward = new FractalGenerator();
    const b = [2, 1, 0].map((i) => backward.generate(7, i, 32).image.data).reverse();
    expect(b).toEqual(a);
    expect(new FractalGenerator().generate(8, 0, 32).image.data).not.toEqual(a[0]);
  });

  it('draws picture i from the same system at every size', () => {
    const generator = new FractalGenerator();
    const small = generator.generate(3, 4, 32);
    const large = generator.generate(3, 4, 96, 64);
    expect(large.params.system).toEqual(small.params.system);
    expect(large.params.style).toEqual(small.params.style);
    expect(large.image.width).toBe(96);
    expect(large.image.height).toBe(64);
    expect(large.params.points).toBe(Math.max(100_000, 20 * 96 * 64));
  });

  it('reports the parameters that made the picture, and they reproduce it', () => {
    const { image, params } = new FractalGenerator().generate(5, 2, 32);
    expect(params.generator).toBe('ifs');
    expect(params.fillRate).toBeGreaterThanOrEqual(0.2);
    expect(params.colorStd).toBeCloseTo(colorStd(image), 12);
    expect(params.coverage).toBeCloseTo(nonBackgroundShare(image, paintBackground(params.style.background, 32, 32)), 12);
    expect(JSON.parse(JSON.stringify(params))).toEqual(params);
  });

  it('has no degenerate picture in a set of 1,000 at 32x32: filling rate and colour variance checked', () => {
    const generator = new FractalGenerator();
    const failures: string[] = [];
    let previous: Float32Array | undefined;
    let identicalNeighbours = 0;
    for (let i = 0; i < 1000; i++) {
      const { image, params } = generator.generate(2024, i, 32);
      const coverage = nonBackgroundShare(image, paintBackground(params.style.background, 32, 32));
      const std = colorStd(image);
      if (params.fillRate < 0.2 || coverage < 0.2 || std < 0.08) {
        failures.push(`#${i}: fillRate ${params.fillRate.toFixed(3)}, coverage ${coverage.toFixed(3)}, colorStd ${std.toFixed(3)}`);
      }
      if (previous && meanAbsoluteDifference({ data: previous }, image) < 0.01) identicalNeighbours++;
      previous = image.data;
    }
    expect(failures).toEqual([]);
    expect(identicalNeighbours).toBe(0);
  }, 600_000);

  it('validates its options at construction, naming the option', () => {
    expect(() => new FractalGenerator({ search: { minFillRate: 1.5 } })).toThrow(MixingArgumentError);
    expect(() => new FractalGenerator({ search: { minFillRate: 1.5 } })).toThrow(/search.minFillRate: must be in \[0, 1\], got 1.5/);
    expect(() => new FractalGenerator({ search: { points: 0 } })).toThrow(/search.points/);
    expect(() => new FractalGenerator({ search: { fillPad: 300 } })).toThrow(/search.fillPad/);
    expect(() => new FractalGenerator({ maxStyleAttempts: 0 })).toThrow(/maxStyleAttempts/);
    expect(() => new FractalGenerator().generate(1, -1, 32)).toThrow(/index/);
    expect(() => new FractalGenerator().generate(1, 0, 0)).toThrow(/width/);
  });
});
