import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenDir } from '../testing/golden';
import { readPngFixture } from '../testing/read-png';
import { getOp } from './registry';

interface GoldenCase {
  op: string;
  param: number | null;
  input: string;
  output: string;
}

const dir = path.join(goldenDir(), 'pil-ops');
const { cases } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { cases: GoldenCase[] };

describe('ops match Pillow (golden/pil-ops)', () => {
  it('has all 120 cases', () => {
    expect(cases).toHaveLength(120);
  });

  it.each(cases.map((c) => [`${c.op} ${c.param ?? ''} ${path.basename(c.input)}`, c] as const))('%s', (_label, c) => {
    const input = readPngFixture(path.join(dir, c.input));
    const expected = readPngFixture(path.join(dir, c.output));
    const op = getOp(c.op);
    const actual = op.apply(input, op.fromValue(c.param));
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    let within1 = 0;
    let absSum = 0;
    let exact = 0;
    for (let i = 0; i < expected.data.length; i++) {
      const diff = Math.abs(actual.data[i] - expected.data[i]);
      if (diff <= 1) within1++;
      if (diff === 0) exact++;
      absSum += diff;
    }
    const n = expected.data.length;
    // The README's tolerance: within one level on >= 99% of values, mean |diff| <= 0.5.
    expect(within1 / n).toBeGreaterThanOrEqual(0.99);
    expect(absSum / n).toBeLessThanOrEqual(0.5);
    // We implement Pillow's arithmetic exactly, so we hold ourselves to bit-exactness.
    expect(exact).toBe(n);
  });
});
