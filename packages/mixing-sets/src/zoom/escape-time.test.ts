import { describe, expect, it } from 'vitest';
import { distanceEstimate, inMainMandelbrotBodies, smoothEscape } from './escape-time';

describe('escape-time iteration', () => {
  it('leaves points of the Mandelbrot set unescaped and recognises its main bodies', () => {
    expect(smoothEscape(0, 0, -0.1, 0.1, 500)).toBe(-1);
    expect(smoothEscape(0, 0, -1, 0, 500)).toBe(-1);
    expect(inMainMandelbrotBodies(0, 0)).toBe(true);
    expect(inMainMandelbrotBodies(-1, 0.1)).toBe(true);
    expect(inMainMandelbrotBodies(0.3, 0)).toBe(false);
    expect(inMainMandelbrotBodies(-0.75, 0.5)).toBe(false);
  });

  it('counts smoothly: the continuous count has no jumps where the integer count steps', () => {
    // Along the real axis right of the cusp (0.25) the escape count falls as c grows;
    // the integer count jumps by 1 at many places, the smooth count must not.
    let previous = smoothEscape(0, 0, 0.3, 0, 10_000);
    let largestStep = 0;
    for (let c = 0.3001; c < 1.5; c += 0.0001) {
      const nu = smoothEscape(0, 0, c, 0, 10_000);
      expect(nu).toBeGreaterThan(0);
      largestStep = Math.max(largestStep, Math.abs(nu - previous));
      previous = nu;
    }
    expect(largestStep).toBeLessThan(0.05);
  });

  it('estimates the distance to the boundary within the Koebe bounds', () => {
    // Julia set of c = 0 is the unit circle: z = 2 lies at distance 1; the estimate tends to 2 ln 2.
    expect(distanceEstimate('julia', 2, 0, 0, 0, 100)).toBeCloseTo(2 * Math.LN2, 6);
    // The Mandelbrot set reaches 0.25 on the positive real axis: c = 1 lies at distance 0.75.
    const d = distanceEstimate('mandelbrot', 1, 0, 0, 0, 100);
    expect(d).toBeGreaterThan(0.75 / 2);
    expect(d).toBeLessThan(0.75 * 2);
    expect(distanceEstimate('mandelbrot', -0.1, 0, 0, 0, 100)).toBe(-1);
  });
});
