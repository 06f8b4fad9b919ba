import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    expect(draws(Rng.seeded(7), 20)).toEqual(draws(Rng.seeded(7), 20));
    expect(draws(Rng.seeded(7), 20)).not.toEqual(draws(Rng.seeded(8), 20));
    expect(draws(Rng.seeded('cifar'), 5)).toEqual(draws(Rng.seeded('cifar'), 5));
    expect(draws(Rng.seeded(7, 'epoch', 2), 5)).not.toEqual(draws(Rng.seeded(7, 'epoch', 3), 5));
  });

  it('restores exactly from its state', () => {
    const rng = Rng.seeded(1);
    draws(rng, 13);
    const copy = Rng.fromState(rng.state());
    expect(draws(copy, 50)).toEqual(draws(rng, 50));
  });

  it('restores from its state after any number of draws (state words are unsigned)', () => {
    const rng = Rng.seeded(3);
    for (let k = 0; k < 200; k++) {
      rng.nextUint32();
      const state = rng.state();
      expect(state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)).toBe(true);
      expect(Rng.fromState(state).nextUint32()).toBe(rng.clone().nextUint32());
    }
  });

  it('fills a Uint32Array with exactly the nextUint32 stream, leaving the same state', () => {
    for (const n of [0, 1, 7, 1000]) {
      const bulk = Rng.seeded(11, n);
      const single = Rng.seeded(11, n);
      const out = bulk.fillUint32(new Uint32Array(n));
      expect(Array.from(out)).toEqual(draws(single, n));
      expect(bulk.state()).toEqual(single.state());
      expect(bulk.random()).toBe(single.random());
    }
  });

  it('forks without advancing and splits by advancing', () => {
    const rng = Rng.seeded(3);
    const before = rng.state();
    const a = rng.fork('worker', 1);
    expect(rng.state()).toEqual(before);
    expect(draws(a, 5)).toEqual(draws(Rng.seeded(3).fork('worker', 1), 5));
    rng.split();
    expect(rng.state()).not.toEqual(before);
  });

  it('draws uniform, integer, normal, gamma and beta values with the right moments', () => {
    const rng = Rng.seeded(42);
    const n = 40_000;
    const mean = (f: () => number) => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = f();
        s += x;
        s2 += x * x;
      }
      return { m: s / n, v: s2 / n - (s / n) ** 2 };
    };
    const u = mean(() => rng.uniform(2, 4));
    expect(u.m).toBeCloseTo(3, 1);
    const ints = new Array(5).fill(0);
    for (let i = 0; i < n; i++) ints[rng.int(0, 5)]++;
    for (const c of ints) expect(Math.abs(c - n / 5)).toBeLessThan(5 * Math.sqrt(n / 5));
    const z = mean(() => rng.normal());
    expect(Math.abs(z.m)).toBeLessThan(0.03);
    expect(Math.abs(z.v - 1)).toBeLessThan(0.05);
    const b = mean(() => rng.beta(3, 1));
    expect(Math.abs(b.m - 0.75)).toBeLessThan(0.01);
    expect(Math.abs(b.v - 3 / 80)).toBeLessThan(0.003);
    const g = mean(() => rng.gamma(0.5));
    expect(Math.abs(g.m - 0.5)).toBeLessThan(0.03);
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => Rng.seeded(1).int(3, 3)).toThrow(/int range/);
    expect(() => Rng.seeded(1).beta(0, 1)).toThrow(/beta/);
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrow(/state/);
  });
});
