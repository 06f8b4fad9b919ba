import { describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { createImage, type Image } from '../image';
import { AUGMENTATIONS, AUGMENTATIONS_ALL } from '../ops';
import { Rng } from '../rng';
import { randomFloatImage, randomImage } from '../testing/images';
import { CHI2_999, chiSquare, shareWithin } from '../testing/stats';
import { PIXMIX_CIFAR, pixmixConfig } from './config';
import { mixInto, U8_TO_FLOAT } from './mixings';
import { pixmix, replayPixmix } from './pixmix';
import type { PixmixRecord } from './record';
import { samplePixmix } from './sample';

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe('pixmix', () => {
  const image = randomImage(32, 32, 1);
  const mixing = randomImage(32, 32, 2);

  it('gives the same bytes for the same seed and different bytes for different seeds', () => {
    const a = pixmix(image, mixing, PIXMIX_CIFAR, Rng.seeded(5));
    const b = pixmix(image, mixing, PIXMIX_CIFAR, Rng.seeded(5));
    expect(bytes(a.image.data)).toEqual(bytes(b.image.data));
    expect(a.record).toEqual(b.record);
    const distinct = new Set(Array.from({ length: 8 }, (_, s) => Buffer.from(bytes(pixmix(image, mixing, PIXMIX_CIFAR, Rng.seeded(100 + s)).image.data)).toString('base64')));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it('replays every record byte for byte, after a JSON round trip, across seeds, sizes and picture kinds', () => {
    let roundsSeen = 0;
    for (let seed = 0; seed < 60; seed++) {
      const size = [8, 32, 45][seed % 3];
      const img = randomImage(size, size + (seed % 2), `img${seed}`);
      const pic: Image = seed % 4 === 0 ? randomFloatImage(size, size + (seed % 2), `pic${seed}`) : randomImage(size, size + (seed % 2), `pic${seed}`);
      const cfg = { ...PIXMIX_CIFAR, k: 1 + (seed % 6), allOps: seed % 5 !== 0, severity: 1 + (seed % 10) };
      const first = pixmix(img, pic, cfg, Rng.seeded(seed));
      const record = JSON.parse(JSON.stringify(first.record)) as PixmixRecord;
      roundsSeen += record.rounds.length;
      expect(bytes(replayPixmix(img, pic, record).data)).toEqual(bytes(first.image.data));
    }
    expect(roundsSeen).toBeGreaterThan(60);
  });

  it('stays in [0, 1] and leaves its inputs untouched', () => {
    const before = Uint8Array.from(image.data);
    const pic = randomFloatImage(32, 32, 3);
    const picBefore = Float32Array.from(pic.data);
    for (let seed = 0; seed < 30; seed++) {
      const { image: out } = pixmix(image, pic, { k: 6, beta: 0.5 }, Rng.seeded(seed));
      for (const v of out.data) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(image.data).toEqual(before);
    expect(pic.data).toEqual(picBefore);
  });

  it('with no rounds and no base op returns the original as ToTensor would', () => {
    const out = replayPixmix(image, mixing, { base: null, rounds: [] });
    expect(Array.from(out.data.subarray(0, 6))).toEqual(Array.from(image.data.subarray(0, 6), (v) => Math.fround(v / 255)));
  });

  it('rejects bad arguments with typed errors that name them', () => {
    const rng = Rng.seeded(0);
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AugmentArgumentError);
        return (e as Error).message;
      }
      throw new Error('expected a throw');
    };
    expect(error(() => pixmix(image, randomImage(16, 16, 0), PIXMIX_CIFAR, rng))).toMatch(/^mixingPicture: is 16x16, but the image is 32x32/);
    const fourChannels = { ...image, channels: 4 } as unknown as typeof image;
    expect(error(() => pixmix(fourChannels, mixing, PIXMIX_CIFAR, rng))).toMatch(/^image: must have 3 channels/);
    expect(error(() => pixmix(image, mixing, { k: -1 }, rng))).toMatch(/^k: .*>= 0/);
    expect(error(() => pixmix(image, mixing, { k: 1.5 }, rng))).toMatch(/^k:/);
    expect(error(() => pixmix(image, mixing, { beta: 0 }, rng))).toMatch(/^beta: .*> 0/);
    expect(error(() => pixmix(image, mixing, { severity: 0 }, rng))).toMatch(/^severity: must be in \(0, 10\]/);
    expect(error(() => pixmix(image, mixing, { severity: 10.5 }, rng))).toMatch(/^severity:/);
    expect(error(() => pixmix(randomFloatImage(32, 32, 0) as never, mixing, PIXMIX_CIFAR, rng))).toMatch(/toUint8/);
    const badOp = { base: { op: 'blur', params: {} }, rounds: [] } as unknown as PixmixRecord;
    expect(error(() => replayPixmix(image, mixing, badOp))).toMatch(/^op: unknown op 'blur'; known: autocontrast/);
    const badMixing = { base: null, rounds: [{ partner: 'mixing', mixing: 'screen', a: 1, b: 0 }] } as unknown as PixmixRecord;
    expect(error(() => replayPixmix(image, mixing, badMixing))).toMatch(/mixing: must be one of add, multiply/);
    expect(pixmixConfig({ k: 0 }).k).toBe(0);
  });
});

describe('mixings', () => {
  const n = 4096;
  const rng = Rng.seeded(9);
  const edge = [0, 1, 1e-39, 1e-30, 0.5];
  const f1 = Float32Array.from({ length: n }, (_, i) => (i < edge.length ? edge[i] : rng.random()));
  const f2 = Float32Array.from({ length: n }, (_, i) => (i < edge.length ? edge[edge.length - 1 - i] : rng.random()));
  const u1 = Uint8Array.from({ length: n }, (_, i) => (i < 256 ? i : rng.int(0, 256)));
  const u2 = Uint8Array.from({ length: n }, (_, i) => (i < 256 ? 255 - i : rng.int(0, 256)));
  const value = (x: Uint8Array | Float32Array, i: number) => (x instanceof Uint8Array ? U8_TO_FLOAT[x[i]] : x[i]);

  it.each([
    ['add', 0.7, 0.2],
    ['add', 1.6, -0.9],
    ['multiply', 0.7, 0.2],
    ['multiply', 1.6, -0.9],
    ['multiply', 0.02, 0.99],
  ] as const)('%s(a=%s, b=%s) follows the reference formula on every operand kind', (mixing, a, b) => {
    for (const x1 of [u1, f1]) {
      for (const x2 of [u2, f2]) {
        const out = new Float32Array(n);
        mixInto(mixing, x1, x2, a, b, out);
        for (let i = 0; i < n; i++) {
          const p = value(x1, i);
          const q = value(x2, i);
          const exact = mixing === 'add' ? (a * (2 * p - 1) + b * (2 * q - 1) + 1) / 2 : (Math.pow(2 * p, a) * Math.pow(Math.max(2 * q, Math.fround(1e-37)), b)) / 2;
          const expected = Math.min(1, Math.max(0, exact));
          if (Math.abs(out[i] - expected) > 2.5e-7) throw new Error(`${mixing} at ${i}: ${out[i]} vs ${expected} (x1=${p}, x2=${q})`);
        }
      }
    }
  });
});

describe('the draws follow the reference distribution', () => {
  const draws = 20_000;
  const cfg = PIXMIX_CIFAR;
  const rng = Rng.seeded('distribution');
  const records = Array.from({ length: draws }, () => samplePixmix(rng, cfg, { width: 32, height: 32 }));
  const rounds = records.flatMap((r) => r.rounds);
  const ops = [...records.flatMap((r) => (r.base ? [r.base] : [])), ...rounds.flatMap((r) => (r.partner === 'mixing' ? [] : [r.partner]))];

  it('starts from an augmented copy half of the time', () => {
    expect(shareWithin(records.filter((r) => r.base).length, draws, 0.5)).toBe(true);
  });

  it('draws the number of rounds uniformly over 0..k', () => {
    const counts = new Array(cfg.k + 1).fill(0);
    for (const r of records) counts[r.rounds.length]++;
    expect(chiSquare(counts, counts.map(() => 1 / (cfg.k + 1)))).toBeLessThan(CHI2_999[cfg.k]);
    // Both ends are there (randint(k + 1), not randint(k) or 1..k).
    expect(shareWithin(counts[0], draws, 1 / (cfg.k + 1))).toBe(true);
    expect(shareWithin(counts[cfg.k], draws, 1 / (cfg.k + 1))).toBe(true);
  });

  it('uses each of the 13 ops equally often, and only those', () => {
    const names = AUGMENTATIONS_ALL.map((op) => op.name);
    const counts = names.map((name) => ops.filter((o) => o.op === name).length);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(ops.length);
    expect(chiSquare(counts, names.map(() => 1 / 13))).toBeLessThan(CHI2_999[12]);
    const nine = Array.from({ length: 4000 }, () => samplePixmix(rng, { ...cfg, allOps: false }, { width: 32, height: 32 }).base?.op).filter(Boolean);
    expect(new Set(nine)).toEqual(new Set(AUGMENTATIONS.map((op) => op.name)));
  });

  it('picks the mixing picture half of the time, add and multiply half each', () => {
    expect(shareWithin(rounds.filter((r) => r.partner === 'mixing').length, rounds.length, 0.5)).toBe(true);
    expect(shareWithin(rounds.filter((r) => r.mixing === 'add').length, rounds.length, 0.5)).toBe(true);
  });

  it('draws (a, b) as get_ab: half Beta(beta,1) x Beta(1,beta), half 1+Beta(1,beta) x -Beta(1,beta)', () => {
    const convex = rounds.filter((r) => r.b >= 0);
    const extrapolating = rounds.filter((r) => r.b < 0);
    expect(shareWithin(convex.length, rounds.length, 0.5)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const beta = cfg.beta;
    const se = (v: number, m: number) => 5 * Math.sqrt(v / m);
    const varHigh = beta / ((beta + 1) ** 2 * (beta + 2)); // Var Beta(beta, 1) = Var Beta(1, beta)
    expect(Math.abs(mean(convex.map((r) => r.a)) - beta / (beta + 1))).toBeLessThan(se(varHigh, convex.length));
    expect(Math.abs(mean(convex.map((r) => r.b)) - 1 / (beta + 1))).toBeLessThan(se(varHigh, convex.length));
    expect(Math.abs(mean(extrapolating.map((r) => r.a)) - (1 + 1 / (beta + 1)))).toBeLessThan(se(varHigh, extrapolating.length));
    expect(Math.abs(mean(extrapolating.map((r) => r.b)) + 1 / (beta + 1))).toBeLessThan(se(varHigh, extrapolating.length));
    for (const r of rounds) expect(Math.fround(r.a) === r.a && Math.fround(r.b) === r.b).toBe(true);
  });

  it('maps levels as the reference: rotate |deg| <= 8 at severity 3, posterize keeps 3 or 4 bits', () => {
    const rotations = ops.filter((o) => o.op === 'rotate').map((o) => o.params.degrees);
    expect(Math.max(...rotations.map(Math.abs))).toBe(8);
    const turned = rotations.filter((d) => d !== 0);
    expect(shareWithin(turned.filter((d) => d < 0).length, turned.length, 0.5)).toBe(true);
    const bits = ops.filter((o) => o.op === 'posterize').map((o) => o.params.bits);
    expect(new Set(bits)).toEqual(new Set([3, 4]));
    // bits = 3 when U(0.1, 3) >= 2.5.
    expect(shareWithin(bits.filter((b) => b === 3).length, bits.length, 0.5 / 2.9)).toBe(true);
    const thresholds = ops.filter((o) => o.op === 'solarize').map((o) => o.params.threshold);
    expect(Math.min(...thresholds)).toBeGreaterThanOrEqual(256 - 76);
    const factors = ops.filter((o) => o.op === 'sharpness').map((o) => o.params.factor);
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.118);
    expect(Math.max(...factors)).toBeLessThan(0.64);
    const shifts = ops.filter((o) => o.op === 'translate_x').map((o) => o.params.pixels);
    expect(Math.max(...shifts.map(Math.abs))).toBe(3);
  });
});

describe('createImage guards', () => {
  it('is used for pictures of the wrong size', () => {
    expect(() => createImage(2, 2, new Uint8Array(5))).toThrow(AugmentArgumentError);
  });
});
