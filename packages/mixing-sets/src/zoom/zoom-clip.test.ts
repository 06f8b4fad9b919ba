import { clipFrame, Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { MixingArgumentError } from '../errors';
import { FractalGenerator } from '../ifs/fractal-generator';
import { meanAbsoluteDifference } from '../quality';
import { FractalZoomSource, maxZoomFrames } from '../sources/zoom-source';
import { distanceEstimate } from './escape-time';
import { frameScale } from './render-zoom';
import { DEFAULT_ZOOM_OPTIONS, maxIterationsAt } from './zoom-path';

const rng = Rng.seeded(0);

describe('fractal-zoom clips', () => {
  it('give the same bytes for the same seed, and a longer clip extends a shorter one', () => {
    const a = new FractalZoomSource({ seed: 4 }).clip(1, 6, 24, 16, rng);
    const b = new FractalZoomSource({ seed: 4 }).clip(1, 6, 24, 16, rng);
    expect(a.data).toEqual(b.data);
    const longer = new FractalZoomSource({ seed: 4 }).clip(1, 9, 24, 16, rng);
    expect(longer.data.subarray(0, a.data.length)).toEqual(a.data);
    expect(new FractalZoomSource({ seed: 5 }).clip(1, 6, 24, 16, rng).data).not.toEqual(a.data);
  });

  it('zoom exponentially toward a point on the boundary, with more iterations deeper', () => {
    const source = new FractalZoomSource({ seed: 1 });
    const kinds = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const path = source.path(i);
      kinds.add(path.kind);
      expect(path.targetDistance).toBeGreaterThan(0);
      expect(path.targetDistance).toBeLessThan(1e-9);
      const [x, y] = path.target;
      expect(distanceEstimate(path.kind, x, y, path.c[0], path.c[1], 20_000)).not.toBe(0);
      expect(frameScale(path, 10) / frameScale(path, 9)).toBeCloseTo(1 / path.zoomPerFrame, 12);
    }
    expect([...kinds].sort()).toEqual(['julia', 'mandelbrot']);
    expect(maxIterationsAt(DEFAULT_ZOOM_OPTIONS, 1e-6)).toBeGreaterThan(maxIterationsAt(DEFAULT_ZOOM_OPTIONS, 1e-2));
    expect(maxIterationsAt(DEFAULT_ZOOM_OPTIONS, 1e-2)).toBeGreaterThan(maxIterationsAt(DEFAULT_ZOOM_OPTIONS, 1));
  });

  it('move smoothly: consecutive frames differ far less than two random fractals', () => {
    const source = new FractalZoomSource({ seed: 9 });
    const size = 40;
    let consecutive = 0;
    let pairs = 0;
    const firstFrames = [];
    for (let i = 0; i < 6; i++) {
      const clip = source.clip(i, 8, size, size, rng);
      for (let t = 1; t < clip.frames; t++) {
        consecutive += meanAbsoluteDifference(clipFrame(clip, t - 1), clipFrame(clip, t));
        pairs++;
      }
      firstFrames.push(clipFrame(clip, 0));
    }
    consecutive /= pairs;
    let betweenZooms = 0;
    for (let i = 1; i < firstFrames.length; i++) betweenZooms += meanAbsoluteDifference(firstFrames[i - 1], firstFrames[i]);
    betweenZooms /= firstFrames.length - 1;
    const fractals = new FractalGenerator();
    let betweenFractals = 0;
    for (let i = 0; i < 5; i++) betweenFractals += meanAbsoluteDifference(fractals.generate(9, 2 * i, size).image, fractals.generate(9, 2 * i + 1, size).image);
    betweenFractals /= 5;
    expect(consecutive).toBeLessThan(0.35 * betweenZooms);
    expect(consecutive).toBeLessThan(0.35 * betweenFractals);
  });

  it('serve picture(i) as frame 0 of clip i, at any T x H x W', () => {
    const source = new FractalZoomSource({ seed: 2 });
    const picture = source.picture(3, 20, 12, rng);
    expect(picture.data).toEqual(clipFrame(source.clip(3, 4, 20, 12, rng), 0).data);
    const clip = source.clip(3, 3, 7, 5, rng);
    expect([clip.frames, clip.height, clip.width, clip.data.length]).toEqual([3, 5, 7, 3 * 5 * 7 * 3]);
    expect(source.clip(3 + source.length, 3, 7, 5, rng).data).toEqual(clip.data);
  });

  it('refuse clips deeper than float64 resolves and bad options, naming them', () => {
    const source = new FractalZoomSource();
    expect(() => source.clip(0, maxZoomFrames(source.options) + 1, 8, 8, rng)).toThrow(MixingArgumentError);
    expect(() => source.clip(0, maxZoomFrames(source.options) + 1, 8, 8, rng)).toThrow(/frames: .* at most \d+ frames/);
    expect(() => new FractalZoomSource({ zoomPerFrame: 0.9 })).toThrow(/zoomPerFrame/);
    expect(() => new FractalZoomSource({ kinds: [] })).toThrow(/kinds/);
    expect(() => new FractalZoomSource({ supersample: 0 })).toThrow(/supersample/);
  });
});
