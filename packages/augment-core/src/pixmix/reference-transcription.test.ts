import { describe, expect, it } from 'vitest';
import type { ImageU8 } from '../image';
import { OP_NAMES } from '../ops';
import { Rng } from '../rng';
import { randomImage, sceneImage } from '../testing/images';
import { numpyLike, referenceApply, referenceDraws, referencePixmix, type ReferenceArgs } from '../testing/reference-pixmix';
import { pixmix } from './pixmix';
import type { PixmixRecord } from './record';
import { samplePixmix } from './sample';
import { useWasmMixing } from './wasm/mixer';

/*
 * Our PixMix stream against a transcription of the official code (testing/reference-pixmix.ts):
 * the same distributions of every draw over 100k calls, the same per-image change statistics,
 * and the same float values for the same draws.
 */

const ARGS: ReferenceArgs = { k: 4, beta: 3, aug_severity: 3, all_ops: true };
const CONFIG = { k: 4, beta: 3, severity: 3, allOps: true };
const N = 100_000;

/** Two-sample chi-square of two histograms over the same bins (bins empty in both are dropped). */
function twoSampleChiSquare(a: readonly number[], b: readonly number[]): { statistic: number; dof: number } {
  const na = a.reduce((s, v) => s + v, 0);
  const nb = b.reduce((s, v) => s + v, 0);
  let statistic = 0;
  let bins = 0;
  a.forEach((x, i) => {
    const y = b[i];
    if (x + y === 0) return;
    bins++;
    statistic += (Math.sqrt(nb / na) * x - Math.sqrt(na / nb) * y) ** 2 / (x + y);
  });
  return { statistic, dof: bins - 1 };
}

/** Chi-square critical value at p = 0.001 (Wilson-Hilferty), any degrees of freedom. */
function chi2Critical(dof: number): number {
  const z = 3.0902;
  return dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3;
}

function histogram(values: readonly (string | number)[], keys: readonly (string | number)[]): number[] {
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const v of values) {
    if (!counts.has(v)) throw new Error(`unexpected value ${v}`);
    counts.set(v, (counts.get(v) as number) + 1);
  }
  return keys.map((k) => counts.get(k) as number);
}

/** Two-sample Kolmogorov-Smirnov statistic. */
function ksStatistic(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** KS critical value at p = 0.001 for samples of sizes n and m. */
const ksCritical = (n: number, m: number) => 1.95 * Math.sqrt((n + m) / (n * m));

interface Draws {
  rounds: number[];
  base: string[];
  partners: string[];
  mixings: string[];
  ops: string[];
  params: Map<string, number[]>;
  a: { add: number[]; multiply: number[] };
  b: { add: number[]; multiply: number[] };
}

function collect(records: Iterable<PixmixRecord>): Draws {
  const d: Draws = { rounds: [], base: [], partners: [], mixings: [], ops: [], params: new Map(), a: { add: [], multiply: [] }, b: { add: [], multiply: [] } };
  const op = (record: { op: string; params: Readonly<Record<string, number>> }) => {
    d.ops.push(record.op);
    for (const [key, value] of Object.entries(record.params)) {
      const name = `${record.op}.${key}`;
      if (!d.params.has(name)) d.params.set(name, []);
      d.params.get(name)?.push(value);
    }
  };
  for (const record of records) {
    d.rounds.push(record.rounds.length);
    d.base.push(record.base ? 'augmented' : 'original');
    if (record.base) op(record.base);
    for (const round of record.rounds) {
      d.partners.push(round.partner === 'mixing' ? 'mixing' : 'augmented');
      if (round.partner !== 'mixing') op(round.partner);
      d.mixings.push(round.mixing);
      d.a[round.mixing].push(round.a);
      d.b[round.mixing].push(round.b);
    }
  }
  return d;
}

function* ours(seed: number, count: number, config: typeof CONFIG, size: number): Generator<PixmixRecord> {
  const rng = Rng.seeded(seed, 'ours');
  for (let i = 0; i < count; i++) yield samplePixmix(rng, config, { width: size, height: size });
}

function* reference(seed: number, count: number, args: ReferenceArgs, size: number): Generator<PixmixRecord> {
  const uniform = Rng.seeded(seed, 'numpy');
  const np = numpyLike(() => uniform.random());
  for (let i = 0; i < count; i++) yield referenceDraws(np, args, size);
}

function expectSameHistogram(label: string, a: readonly number[], b: readonly number[]): void {
  const { statistic, dof } = twoSampleChiSquare(a, b);
  expect(statistic, `${label}: chi-square ${statistic.toFixed(1)} on ${dof} dof`).toBeLessThan(chi2Critical(Math.max(1, dof)));
}

describe('PixMix against a transcription of the official code', () => {
  it('draws every decision with the reference distributions (100k calls each, all ops and 9 ops)', () => {
    for (const allOps of [true, false]) {
      const o = collect(ours(1, N, { ...CONFIG, allOps }, 32));
      const r = collect(reference(2, N, { ...ARGS, all_ops: allOps }, 32));
      expectSameHistogram('rounds', histogram(o.rounds, [0, 1, 2, 3, 4]), histogram(r.rounds, [0, 1, 2, 3, 4]));
      expectSameHistogram('augment the original', histogram(o.base, ['original', 'augmented']), histogram(r.base, ['original', 'augmented']));
      expectSameHistogram('partner', histogram(o.partners, ['mixing', 'augmented']), histogram(r.partners, ['mixing', 'augmented']));
      expectSameHistogram('mixing', histogram(o.mixings, ['add', 'multiply']), histogram(r.mixings, ['add', 'multiply']));
      const names = allOps ? OP_NAMES : OP_NAMES.slice(0, 9);
      expectSameHistogram('op', histogram(o.ops, names), histogram(r.ops, names));
      expect(new Set(o.ops).size).toBe(names.length);
      // Each op's parameter: exact values (integers) or KS (floats).
      expect([...o.params.keys()].sort()).toEqual([...r.params.keys()].sort());
      for (const [name, values] of o.params) {
        const theirs = r.params.get(name) as number[];
        if (values.every(Number.isInteger) && theirs.every(Number.isInteger)) {
          const keys = [...new Set([...values, ...theirs])].sort((p, q) => p - q);
          expectSameHistogram(name, histogram(values, keys), histogram(theirs, keys));
        } else {
          expect(ksStatistic(values, theirs), name).toBeLessThan(ksCritical(values.length, theirs.length));
        }
      }
      for (const mixing of ['add', 'multiply'] as const) {
        expect(ksStatistic(o.a[mixing], r.a[mixing]), `a (${mixing})`).toBeLessThan(ksCritical(o.a[mixing].length, r.a[mixing].length));
        expect(ksStatistic(o.b[mixing], r.b[mixing]), `b (${mixing})`).toBeLessThan(ksCritical(o.b[mixing].length, r.b[mixing].length));
      }
    }
  });

  it('the KS and chi-square checks do catch a wrong distribution (Beta(1, beta) for a, rounds 0..k-1)', () => {
    const r = collect(reference(2, 20_000, ARGS, 32));
    const skewed = r.a.add.map((a) => (a <= 1 ? 1 - a : a));
    expect(ksStatistic(skewed, r.a.add)).toBeGreaterThan(ksCritical(skewed.length, r.a.add.length));
    const short = collect(ours(1, 20_000, { ...CONFIG, k: 3 }, 32));
    const { statistic, dof } = twoSampleChiSquare(histogram(short.rounds, [0, 1, 2, 3, 4]), histogram(r.rounds, [0, 1, 2, 3, 4]));
    expect(statistic).toBeGreaterThan(chi2Critical(dof));
  });

  it('changes pictures as much as the reference does (per-image statistics over 8k calls at 16 px)', () => {
    const SAMPLES = 8000;
    const images = [sceneImage(16, 16), randomImage(16, 16, 'a'), randomImage(16, 16, 'b')];
    const picture = randomImage(16, 16, 'picture');
    const stats = (make: (image: ImageU8) => Float32Array) => {
      const change: number[] = [];
      let zeros = 0;
      let ones = 0;
      let values = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const image = images[i % images.length];
        const out = make(image);
        let sum = 0;
        out.forEach((v, j) => {
          sum += Math.abs(v - image.data[j] / 255);
          if (v === 0) zeros++;
          if (v === 1) ones++;
        });
        values += out.length;
        change.push(sum / out.length);
      }
      const mean = change.reduce((s, v) => s + v, 0) / change.length;
      const sd = Math.sqrt(change.reduce((s, v) => s + (v - mean) ** 2, 0) / change.length);
      return { mean, sd, zeros: zeros / values, ones: ones / values, change };
    };
    const rng = Rng.seeded(3);
    const uniform = Rng.seeded(4);
    const np = numpyLike(() => uniform.random());
    const o = stats((image) => pixmix(image, picture, CONFIG, rng).image.data);
    const r = stats((image) => referencePixmix(np, ARGS, image, picture).image);
    const se = Math.sqrt((o.sd ** 2 + r.sd ** 2) / SAMPLES);
    expect(Math.abs(o.mean - r.mean)).toBeLessThan(5 * se);
    expect(ksStatistic(o.change, r.change)).toBeLessThan(ksCritical(SAMPLES, SAMPLES));
    expect(Math.abs(o.zeros - r.zeros)).toBeLessThan(0.01);
    expect(Math.abs(o.ones - r.ones)).toBeLessThan(0.01);
  });

  it('computes what the reference computes from the same draws (float32 math; WebAssembly and JavaScript mixers)', () => {
    for (const wasm of [true, false]) {
      useWasmMixing(wasm);
      try {
        let worst = 0;
        let total = 0;
        let count = 0;
        for (let seed = 0; seed < 300; seed++) {
          const size = [8, 16, 32][seed % 3];
          const image = seed % 2 ? sceneImage(size, size) : randomImage(size, size, seed);
          const picture = randomImage(size, size, `p${seed}`);
          const { image: mixed, record } = pixmix(image, picture, CONFIG, Rng.seeded(seed, 'same-draws'));
          const expected = referenceApply(image, picture, record);
          mixed.data.forEach((v, i) => {
            worst = Math.max(worst, Math.abs(v - expected[i]));
            total += Math.abs(v - expected[i]);
            count++;
          });
        }
        // float64-then-float32 against float32 at every step: float32 rounding, compounded over rounds.
        const mixer = wasm ? 'WebAssembly mixer' : 'JavaScript mixer';
        expect(worst, mixer).toBeLessThan(1e-5);
        expect(total / count, mixer).toBeLessThan(1e-7);
      } finally {
        useWasmMixing(true);
      }
    }
  });
});
