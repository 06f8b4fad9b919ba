import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { toUint8 } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { resizeBilinear } from './resize';

function row(values: number[]) {
  const data = new Float32Array(values.length * 3);
  values.forEach((v, i) => data.fill(v, i * 3, i * 3 + 3));
  return { width: values.length, height: 1, channels: 3 as const, data };
}

function hasPillow(): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import PIL, numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('resizeBilinear (Pillow bilinear with antialiasing)', () => {
  it('halves with the widened triangle filter: taps [1, 3, 3, 1] / 8, renormalised at the edges', () => {
    const out = resizeBilinear(row([0, 8, 16, 24, 32, 40, 48, 56].map((v) => v / 64)), 4, 1);
    const px = Array.from(out.data.filter((_, i) => i % 3 === 0)).map((v) => v * 64);
    // Output 0 sees inputs 0..2 with weights 3, 3, 1 (the 1 beyond the edge is dropped): (0*3 + 8*3 + 16) / 7.
    expect(px[0]).toBeCloseTo((0 * 3 + 8 * 3 + 16) / 7, 5);
    expect(px[1]).toBeCloseTo((8 + 16 * 3 + 24 * 3 + 32) / 8, 5);
    expect(px[2]).toBeCloseTo((24 + 32 * 3 + 40 * 3 + 48) / 8, 5);
  });

  it('keeps a flat picture flat and copies at the same size', () => {
    const flat = { width: 7, height: 5, channels: 3 as const, data: new Float32Array(105).fill(0.4) };
    for (const v of resizeBilinear(flat, 3, 9).data) expect(v).toBeCloseTo(0.4, 6);
    const noise = { width: 5, height: 4, channels: 3 as const, data: Float32Array.from({ length: 60 }, (_, i) => ((i * 37) % 11) / 10) };
    const same = resizeBilinear(noise, 5, 4).data;
    noise.data.forEach((v, i) => expect(same[i]).toBeCloseTo(v, 6));
  });

  it.skipIf(!hasPillow())('matches Pillow within one level (the golden tolerance), shrinking and enlarging', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'resize-'));
    try {
      const script = [
        'import json, sys, numpy as np',
        'from PIL import Image',
        'rng = np.random.default_rng(0); cases = []',
        'for (w, h, ow, oh) in [(50, 40, 45, 36), (100, 75, 48, 36), (20, 30, 36, 54), (37, 53, 36, 51)]:',
        '    a = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)',
        '    out = np.asarray(Image.fromarray(a).resize((ow, oh), Image.BILINEAR))',
        "    cases.append({'w': w, 'h': h, 'ow': ow, 'oh': oh, 'input': a.flatten().tolist(), 'output': out.flatten().tolist()})",
        'json.dump(cases, open(sys.argv[1], "w"))',
      ].join('\n');
      writeFileSync(path.join(dir, 'make.py'), script);
      execFileSync('/usr/bin/python3', [path.join(dir, 'make.py'), path.join(dir, 'cases.json')]);
      const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { w: number; h: number; ow: number; oh: number; input: number[]; output: number[] }[];
      for (const c of cases) {
        const ours = toUint8(resizeBilinear({ width: c.w, height: c.h, channels: 3, data: Uint8Array.from(c.input) }, c.ow, c.oh)).data;
        let within = 0;
        let total = 0;
        ours.forEach((v, i) => {
          const d = Math.abs(v - c.output[i]);
          total += d;
          if (d <= 1) within++;
        });
        expect(within / ours.length).toBeGreaterThanOrEqual(0.99);
        expect(total / ours.length).toBeLessThanOrEqual(0.5);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad size', () => {
    expect(() => resizeBilinear(row([0, 1]), 0, 1)).toThrow(/size/);
  });
});
