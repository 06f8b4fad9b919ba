import fs from 'node:fs';
import path from 'node:path';
import { decodePng } from '@vpixmix/video-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../cli/testing/capture-io';
import { DataMissingError } from './errors';
import { runRecipe } from './run-recipe';
import { tempFolder, withEnv, writeCifarDatasets, writeUcf101Datasets } from './testing/fixtures';

// Every run here is a real one: real-format files on disk, real training steps and attacks,
// with a tiny model and a handful of items so the whole file stays fast.
let datasets: string;
let cache: string;
let runs: string;

beforeAll(async () => {
  datasets = tempFolder('datasets');
  cache = tempFolder('cache');
  runs = tempFolder('runs');
  await writeCifarDatasets(datasets);
  await writeUcf101Datasets(datasets);
}, 300_000);

afterAll(() => {
  for (const dir of [datasets, cache, runs]) fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ VPIXMIX_DATASETS: datasets, VPIXMIX_CACHE: cache });

/** Small evaluation settings for tests: every axis runs, on few items, with a short attack. */
const quickEvaluation = ['evaluation.adversaries.steps=2', 'evaluation.consistency.limit=3', 'evaluation.anomaly.limit=6'];

function isPng(file: string): boolean {
  const image = decodePng(fs.readFileSync(file), file);
  return image.width > 100 && image.height > 100;
}

async function run(recipe: string, set: string[], out: string, extra: Partial<Parameters<typeof runRecipe>[0]> = {}) {
  const io = captureIo();
  const outcome = await withEnv(env(), () =>
    runRecipe({ recipe, overrides: { epochs: 1, limit: 6, backend: 'wasm', set }, out: path.join(runs, out), io, progressStream: null, ...extra }),
  );
  return { io, outcome };
}

function readResults(runDir: string) {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'results.json'), 'utf8'));
}

const axes = ['clean', 'corruptions', 'consistency', 'adversaries', 'calibration', 'anomaly'];

describe('vpixmix run on real-format fixtures', () => {
  it.each(['cifar10-baseline', 'cifar10-pixmix', 'cifar10-pixmix-10ep', 'cifar100-pixmix'])(
    '%s runs end to end: trains, evaluates every axis, writes the report',
    async (recipe) => {
      const { io, outcome } = await run(recipe, ['model.name=wrn-10-1', ...quickEvaluation], recipe);
      const results = readResults(outcome.runDir);
      expect(results.status.state).toBe('complete');
      for (const unit of results.results) {
        for (const axis of axes) expect(unit[axis], `${unit.arm} ${axis}`).toBeDefined();
        expect(unit.corruptions.names).toHaveLength(15);
        expect(unit.corruptions.source).toMatch(/-c/);
        expect(unit.consistency.names).toHaveLength(10);
        expect(unit.consistency.steps[0]).toBe(4); // the -P fixture's sequences
        expect(unit.anomaly.sets.map((s: { name: string }) => s.name)).toEqual(['gaussian', 'rademacher', 'blobs']);
      }
      // The overall table printed at the end, with the published values beside ours.
      expect(io.outText).toMatch(/Corruptions mCE ↓/);
      if (recipe !== 'cifar100-pixmix') expect(io.outText).toMatch(/published baseline/);
      const report = fs.readFileSync(path.join(outcome.runDir, 'report.md'), 'utf8');
      expect(report).toMatch(/## Overall/);
      if (recipe === 'cifar10-pixmix') expect(report).toMatch(/\| Corruptions mCE ↓ +\| +[\d.]+ \| +26\.4 \| +9\.5 \|/);
      for (const figure of ['overall', 'training-curves', 'corruption-severity', 'reliability', 'roc', 'augmented-samples']) {
        expect(isPng(path.join(outcome.runDir, 'figures', `${figure}.png`)), figure).toBe(true);
      }
    },
    300_000,
  );

  it.each(['ucf101-baseline', 'ucf101-vpixmix-single', 'ucf101-vpixmix-fractal-zoom', 'ucf101-vpixmix-naive'])(
    '%s runs end to end on clips: video corruptions, clip sequences, PGD on every frame',
    async (recipe) => {
      const set = ['model.name=r3d-tiny', 'data.clip.frames=4', 'data.clip.size=32', 'training.batchSize=4', 'evaluation.corruptions.limit=3', ...quickEvaluation];
      const { outcome } = await run(recipe, set, recipe);
      const results = readResults(outcome.runDir);
      expect(results.status.state).toBe('complete');
      const [unit] = results.results;
      for (const axis of axes) expect(unit[axis], axis).toBeDefined();
      expect(unit.corruptions.names).toEqual(expect.arrayContaining(['frame_rate', 'freeze', 'reverse', 'jumble', 'drop_frames']));
      expect(unit.adversaries.count).toBe(3);
      expect(isPng(path.join(outcome.runDir, 'figures', 'augmented-samples.png'))).toBe(true);
      expect(fs.readFileSync(path.join(outcome.runDir, 'figures', 'augmented-samples.gif')).subarray(0, 6).toString()).toBe('GIF89a');
    },
    300_000,
  );

  it.each(['cifar10-pixmix', 'ucf101-vpixmix-single'])('%s without its data stops at once with what datasets verify says', async (recipe) => {
    const empty = tempFolder('no-data');
    const io = captureIo();
    const out = path.join(runs, `missing-${recipe}`);
    const started = Date.now();
    const attempt = withEnv({ VPIXMIX_DATASETS: empty, VPIXMIX_CACHE: cache }, () => runRecipe({ recipe, overrides: { epochs: 1 }, out, io, progressStream: null }));
    await expect(attempt).rejects.toThrow(DataMissingError);
    await expect(attempt).rejects.toThrow(/cannot start; nothing was run/);
    await expect(attempt).rejects.toThrow(recipe.startsWith('cifar') ? /cifar10 +MISSING[\s\S]*cifar10-c +MISSING[\s\S]*cifar10-p +MISSING/ : /ucf101 +MISSING/);
    await expect(attempt).rejects.toThrow(/nx run datasets:verify/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(fs.existsSync(out)).toBe(false);
  });
});
