import { describe, expect, it } from 'vitest';
import { Rng } from '@vpixmix/augment-core';
import { corruptImage } from './registry';

/** A flat 64x64 picture of one grey level. */
const flat = (v: number) => ({ width: 64, height: 64, channels: 3 as const, data: new Uint8Array(64 * 64 * 3).fill(v) });

describe('noise corruptions sample the reference distributions', () => {
  it('shot_noise is Poisson(x * c) / c: mean and variance of the photon counts', () => {
    const severities: [number, number][] = [
      [1, 500],
      [5, 50],
    ];
    for (const [severity, photons] of severities) {
      const v = 102; // lambda = 0.4 * photons
      const out = corruptImage(flat(v), 'shot_noise', severity, Rng.seeded(severity)).image.data;
      const lambda = (v / 255) * photons;
      // bytes are trunc(255 * k / c); recover k = round(byte * c / 255) within the truncation
      let mean = 0;
      let sq = 0;
      for (const b of out) {
        const k = Math.round(((b + 0.5) * photons) / 255);
        mean += k;
        sq += k * k;
      }
      mean /= out.length;
      const variance = sq / out.length - mean * mean;
      expect(Math.abs(mean - lambda)).toBeLessThan(0.05 * lambda);
      expect(Math.abs(variance - lambda)).toBeLessThan(0.12 * lambda);
    }
  });

  it('impulse_noise replaces a fraction c of values, half with 0 and half with 255', () => {
    const out = corruptImage(flat(128), 'impulse_noise', 5, Rng.seeded(4)).image.data;
    const zeros = out.filter((b) => b === 0).length / out.length;
    const fulls = out.filter((b) => b === 255).length / out.length;
    expect(zeros + fulls).toBeGreaterThan(0.06);
    expect(zeros + fulls).toBeLessThan(0.08);
    expect(Math.abs(zeros - fulls)).toBeLessThan(0.015);
    expect(out.every((b) => b === 0 || b === 255 || b === 128)).toBe(true);
  });

  it('gaussian_noise adds N(0, c): the spread of the bytes is c * 255', () => {
    const out = corruptImage(flat(128), 'gaussian_noise', 5, Rng.seeded(2)).image.data;
    let mean = 0;
    for (const b of out) mean += b;
    mean /= out.length;
    let variance = 0;
    for (const b of out) variance += (b - mean) ** 2;
    const std = Math.sqrt(variance / out.length);
    expect(Math.abs(std - 0.1 * 255)).toBeLessThan(0.5);
    expect(Math.abs(mean - 127.5)).toBeLessThan(0.5); // truncation lowers the mean by half a level
  });
});
