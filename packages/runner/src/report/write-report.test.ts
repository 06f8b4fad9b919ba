import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePng } from '@vpixmix/video-io';
import { describe, expect, it } from 'vitest';
import type { UnitResult } from '@vpixmix/evaluation';
import { recipeSchema } from '../recipe/schema';
import { writeReport } from './write-report';

const recipe = recipeSchema.parse({
  data: { dataset: 'shapes' },
  model: { name: 'wrn-10-1' },
  training: { epochs: 2 },
  seeds: 2,
  arms: [
    { name: 'baseline', augment: { preset: 'standard' } },
    { name: 'pixmix', augment: { preset: 'pixmix' }, mixing: { source: 'fractals' } },
  ],
  references: { mCE: { baseline: 26.4, pixmix: 9.5 }, PGD: { baseline: 91.3, pixmix: 82.1 } },
  referenceSource: 'the paper',
});

/** A made-up but complete result: every axis, arm `a` worse than `b` by `shift` points. */
function unit(arm: string, seed: number, shift: number): UnitResult {
  const e = 20 + shift + seed;
  return {
    arm,
    seed,
    training: { epochs: [1, 2].map((epoch) => ({ epoch, loss: 2 / epoch + shift / 10, accuracy: 30 * epoch - shift })), steps: [[0, 2.3], [1, 1.5], [2, 1.1]], seconds: 12, totalSteps: 4 },
    clean: { error: e, top5Error: e / 3, count: 100 },
    calibration: {
      rms: 10 + shift,
      rmsCorrupted: 15 + shift,
      ece: 8 + shift,
      binSize: 100,
      count: 100,
      reliability: Array.from({ length: 15 }, (_, m) => ({ lower: m / 15, upper: (m + 1) / 15, count: m > 4 ? 10 : 0, accuracy: m / 16, confidence: (m + 0.5) / 15 })),
    },
    corruptions: {
      names: ['gaussian_noise', 'fog'],
      severities: [1, 2, 3, 4, 5],
      errors: [[30, 35, 40, 45, 50].map((v) => v + shift), [25, 30, 35, 40, 45].map((v) => v + shift)],
      perCorruption: [40 + shift, 35 + shift],
      perSeverity: [27.5, 32.5, 37.5, 42.5, 47.5].map((v) => v + shift),
      mce: 37.5 + shift + seed,
      rmsPerCorruption: [15, 15],
      count: 100,
      source: 'generated from 100 test items',
    },
    consistency: { names: ['brightness', 'translate'], flipProbability: [2 + shift / 10, 4 + shift / 10], mfr: 3 + shift / 10, sequences: 20, steps: [31, 16], source: 'generated' },
    adversaries: { norm: 'linf', eps: 2 / 255, stepSize: 0.5 / 255, steps: 20, restarts: 1, cleanError: e, error: 80 + shift, count: 50 },
    anomaly: {
      sets: ['gaussian', 'blobs'].map((name) => ({ name, auroc: 80 - shift, auprOut: 70 - shift, auprIn: 75, fpr95: 40 + shift, inCount: 100, outCount: 20, roc: [[0, 0], [0.2, 0.6], [1, 1]] as [number, number][] })),
      auroc: 80 - shift,
      auprOut: 70 - shift,
      fpr95: 40 + shift,
    },
  };
}

describe('writeReport', () => {
  const runDir = fs.mkdtempSync(path.join(tmpdir(), 'vpixmix-report-'));
  const units = [unit('baseline', 0, 5), unit('pixmix', 0, 0), unit('baseline', 1, 5), unit('pixmix', 1, 0)];
  const written = writeReport({
    recipeName: 'tiny',
    recipeFile: '/x/tiny.yaml',
    recipe,
    runDir,
    arms: [
      { name: 'baseline', description: 'crop + flip' },
      { name: 'pixmix', description: 'PixMix' },
    ],
    units,
    plannedUnits: 4,
    status: { state: 'complete' },
    backend: 'wasm',
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('writes results.json with every unit and mean ± std per arm', () => {
    const results = JSON.parse(fs.readFileSync(written.resultsFile, 'utf8'));
    expect(results.status.state).toBe('complete');
    expect(results.results).toHaveLength(4);
    const baseline = results.arms.find((a: { name: string }) => a.name === 'baseline');
    expect(baseline.seeds).toEqual([0, 1]);
    expect(baseline.headline.clean.mean).toBeCloseTo(25.5, 10); // errors 25 and 26
    expect(baseline.headline.clean.std).toBeCloseTo(Math.SQRT1_2, 10); // sample std of {25, 26}
    expect(baseline.headline.mCE.values).toEqual([42.5, 43.5]);
    expect(results.references.mCE).toEqual({ baseline: 26.4, pixmix: 9.5 });
  });

  it('writes report.md: the overall table with the arms side by side and the published values, one table per axis', () => {
    const md = fs.readFileSync(written.reportFile, 'utf8');
    expect(md).toMatch(/\| Measure \(%\) +\| +baseline \| +pixmix \| published baseline \| published pixmix \|/);
    expect(md).toMatch(/\| Clean error ↓ +\| 25\.5 ± 0\.7 \| 20\.5 ± 0\.7 \| +— \| +— \|/);
    expect(md).toMatch(/\| Corruptions mCE ↓ +\| 43\.0 ± 0\.7 \| 38\.0 ± 0\.7 \| +26\.4 \| +9\.5 \|/);
    expect(md).toMatch(/\| Adversaries PGD error ↓ +\| 85\.0 ± 0\.0 \| 80\.0 ± 0\.0 \| +91\.3 \| +82\.1 \|/);
    expect(md).toMatch(/\| Anomaly AUROC ↑ +\| 75\.0 ± 0\.0 \| 80\.0 ± 0\.0 \|/);
    for (const title of ['Training', 'Clean accuracy', 'Corruptions', 'Consistency', 'Adversaries', 'Calibration', 'Anomaly detection']) expect(md).toContain(`## ${title}`);
    expect(md).toMatch(/\| fog +\| 40\.0 ± 0\.0 \| 35\.0 ± 0\.0 \|/);
    expect(md).toMatch(/\| translate \(16 steps\) +\| 4\.50 ± 0\.00 \| 4\.00 ± 0\.00 \|/);
    expect(md).toMatch(/\| blobs: FPR95 ↓ +\| 45\.0 ± 0\.0 \| 40\.0 ± 0\.0 \|/);
    expect(md).toContain('Published values: the paper.');
  });

  it("training table: the last epoch's mean loss and the last step's loss (the end of the plotted curve), each named", () => {
    const md = fs.readFileSync(written.reportFile, 'utf8');
    expect(md).toMatch(/\| Arm +\| Epochs \| Last epoch mean loss \| Last step loss \(curve end\) \| Last epoch train acc\. \(%\) \|/);
    // baseline: epoch 2 mean 2/2 + 0.5 = 1.5; the curve ends at 1.1.
    expect(md).toMatch(/\| baseline +\| +2 \| +1\.500 ± 0\.000 \| +1\.100 ± 0\.000 \|/);
  });

  it('draws every figure as a PNG (with its SVG) that the report links', () => {
    const md = fs.readFileSync(written.reportFile, 'utf8');
    const names = ['overall', 'training-curves', 'corruption-severity', 'corruption-errors', 'reliability', 'roc'];
    expect(written.figures.map((f) => path.basename(f, '.png')).sort()).toEqual([...names].sort());
    for (const name of names) {
      const png = path.join(runDir, 'figures', `${name}.png`);
      const image = decodePng(fs.readFileSync(png), png);
      expect(image.width, name).toBeGreaterThan(300);
      expect(image.height, name).toBeGreaterThan(200);
      // Not a blank canvas: some pixels are far from white.
      let dark = 0;
      for (let i = 0; i < image.data.length; i += 3) if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 300) dark++;
      expect(dark, name).toBeGreaterThan(200);
      expect(fs.existsSync(path.join(runDir, 'figures', `${name}.svg`))).toBe(true);
      expect(md).toContain(`(figures/${name}.png)`);
    }
  });

  it('says what is missing in a partial report, and how to continue', () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'vpixmix-partial-'));
    const only = { ...unit('baseline', 0, 5), anomaly: undefined, adversaries: undefined };
    const partial = writeReport({
      recipeName: 'tiny',
      recipeFile: '/x/tiny.yaml',
      recipe,
      runDir: dir,
      arms: [{ name: 'baseline', description: '' }, { name: 'pixmix', description: '' }],
      units: [only],
      plannedUnits: 4,
      status: { state: 'partial', error: 'out of memory', resumeCommand: 'npx vpixmix run tiny --resume --out x' },
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const md = fs.readFileSync(partial.reportFile, 'utf8');
    expect(md).toMatch(/Status: \*\*partial\*\* — 1 of 4 arm\/seed runs/);
    expect(md).toContain('Stopped by: out of memory');
    expect(md).toContain('Continue with: `npx vpixmix run tiny --resume --out x`');
    expect(md).toMatch(/\| Adversaries PGD error ↓ +\| +— \| +— \|/);
  });
});
