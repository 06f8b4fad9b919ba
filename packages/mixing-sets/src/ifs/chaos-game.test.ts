import { Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { boundsOf, fillingRate, playChaosGame, PointBuffer } from './chaos-game';
import { packIfs } from './ifs-system';

const third = 1 / 3;
const sierpinski = packIfs({
  maps: [
    [0.5, 0, 0, 0.5, 0, 0],
    [0.5, 0, 0, 0.5, 0.5, 0],
    [0.5, 0, 0, 0.5, 0.25, 0.5],
  ],
  probabilities: [third, third, third],
});

describe('playChaosGame', () => {
  it('draws the Sierpinski triangle: points on the attractor, every map used about equally', () => {
    const buffer = new PointBuffer(30_000);
    const state = { x: 0, y: 0 };
    expect(playChaosGame(sierpinski, Rng.seeded(1), state, 20, new PointBuffer(20))).toBe(true);
    expect(playChaosGame(sierpinski, Rng.seeded(1), state, 30_000, buffer)).toBe(true);
    const bounds = boundsOf(buffer.xs, buffer.ys, 30_000);
    expect(bounds.minX).toBeGreaterThanOrEqual(0);
    expect(bounds.maxX).toBeLessThanOrEqual(1);
    expect(bounds.maxY).toBeLessThanOrEqual(1);
    const uses = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) uses[buffer.maps[i]]++;
    for (const u of uses) expect(Math.abs(u / 30_000 - third)).toBeLessThan(0.02);
    // The big middle hole (the inverted triangle (0.25, 0.5), (0.75, 0.5), (0.5, 0); inradius 0.154) stays empty.
    for (let i = 0; i < 30_000; i++) {
      expect(Math.hypot(buffer.xs[i] - 0.5, buffer.ys[i] - 1 / 3)).toBeGreaterThan(0.12);
    }
  });

  it('is the same orbit for the same generator state', () => {
    const a = new PointBuffer(1000);
    const b = new PointBuffer(1000);
    playChaosGame(sierpinski, Rng.seeded(5), { x: 0, y: 0 }, 1000, a);
    playChaosGame(sierpinski, Rng.seeded(5), { x: 0, y: 0 }, 1000, b);
    expect(a.xs).toEqual(b.xs);
    expect(a.maps).toEqual(b.maps);
  });

  it('reports an expanding system as diverged', () => {
    const expanding = packIfs({ maps: [[1.5, 0, 0, 1.5, 1, 0]], probabilities: [1] });
    expect(playChaosGame(expanding, Rng.seeded(1), { x: 0, y: 0 }, 100_000, new PointBuffer(100_000))).toBe(false);
    expect(playChaosGame(expanding, Rng.seeded(1), { x: 0, y: 0 }, 100, new PointBuffer(100))).toBe(false);
  });
});

describe('fillingRate', () => {
  it('counts the share of grid cells hit, with FractalDB scaling to the bounds and padding', () => {
    const xs = Float64Array.from([0, 1, 0, 1, 0.5]);
    const ys = Float64Array.from([0, 0, 1, 1, 0.5]);
    const marks = new Uint8Array(10 * 10);
    const rate = fillingRate(xs, ys, 5, boundsOf(xs, ys, 5), 10, 1, marks, 1);
    expect(rate).toBeCloseTo(5 / 100, 12);
    // The same cell hit twice counts once; a new stamp starts a fresh count without clearing.
    const twice = Float64Array.from([0, 0, 1]);
    expect(fillingRate(twice, twice, 3, boundsOf(twice, twice, 3), 10, 1, marks, 2)).toBeCloseTo(2 / 100, 12);
  });

  it('is 0 for a collapsed or non-finite cloud', () => {
    const same = Float64Array.from([0.3, 0.3, 0.3]);
    expect(fillingRate(same, same, 3, boundsOf(same, same, 3), 16, 1, new Uint8Array(256), 1)).toBe(0);
  });
});
