import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../cli/testing/capture-io';
import type { UnitResult } from '@vpixmix/evaluation';
import { ResumeError, RunStoppedError } from './errors';
import { type RunOptions, runRecipe } from './run-recipe';
import { tempFolder, withEnv } from './testing/fixtures';

// The quickstart recipe on the embedded shapes set, cut down: two steps per epoch, two epochs,
// a checkpoint every step, every axis on a few items.
const cache = tempFolder('cache');
const runs = tempFolder('runs');
afterAll(() => {
  for (const dir of [cache, runs]) fs.rmSync(dir, { recursive: true, force: true });
});

const set = [
  'model.name=wrn-10-1',
  'training.batchSize=8',
  'training.checkpointEvery=1',
  'evaluation.corruptions.names=[gaussian_noise, fog]',
  'evaluation.consistency.names=[brightness, translate]',
  'evaluation.consistency.limit=3',
  'evaluation.adversaries.steps=2',
  'evaluation.anomaly.limit=6',
];
const overrides = { epochs: 2, limit: 16, backend: 'wasm', set };

function run(out: string, extra: Partial<RunOptions> = {}) {
  const io = captureIo();
  const promise = withEnv({ VPIXMIX_CACHE: cache }, () => runRecipe({ recipe: 'quickstart', overrides, out: path.join(runs, out), io, progressStream: null, ...extra }));
  return { io, promise };
}

function units(out: string): UnitResult[] {
  return JSON.parse(fs.readFileSync(path.join(runs, out, 'results.json'), 'utf8')).results;
}

/** Results without the wall-clock times, which differ from run to run. */
function comparable(results: UnitResult[]) {
  return results.map(({ evalSeconds: _e, training, ...rest }) => ({ ...rest, training: training && { ...training, seconds: 0 } }));
}

describe('stopping and resuming a run', () => {
  it('a run stopped mid-training keeps its checkpoint and partial report, and --resume ends where an uninterrupted run ends', async () => {
    await run('whole').promise;

    const controller = new AbortController();
    const stopped = run('stopped', {
      signal: controller.signal,
      onStage: (stage, arm) => {
        if (stage === 'train' && arm === 'pixmix') controller.abort();
      },
    });
    await expect(stopped.promise).rejects.toThrow(RunStoppedError);
    await expect(stopped.promise).rejects.toThrow(/stopped by you at epoch 1\/2 step 1\/2 of pixmix \(seed 0\)[\s\S]*Resume with: npx vpixmix run quickstart --resume --out /);
    const dir = path.join(runs, 'stopped');
    expect(fs.existsSync(path.join(dir, 'arms', 'pixmix', 'seed-0', 'checkpoint.safetensors'))).toBe(true);
    const partial = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(partial.status.state).toBe('partial');
    expect(partial.results.find((u: UnitResult) => u.arm === 'baseline').anomaly).toBeDefined();
    expect(partial.results.find((u: UnitResult) => u.arm === 'pixmix')?.clean).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/Status: \*\*stopped by you\*\* at epoch 1\/2 step 1\/2 of pixmix \(seed 0\) — resume with `npx vpixmix run quickstart --resume/);

    const resumed = run('stopped', { resume: true, overrides: {} });
    await resumed.promise;
    expect(resumed.io.errText).toMatch(/baseline \(seed 0\): done earlier, skipped/);
    expect(resumed.io.errText).toMatch(/pixmix \(seed 0\): resuming training/);
    expect(comparable(units('stopped'))).toEqual(comparable(units('whole')));
    const log = fs.readFileSync(path.join(dir, 'arms', 'pixmix', 'seed-0', 'train.jsonl'), 'utf8');
    expect(log).toMatch(/"event":"resume"/);
  }, 600_000);

  it('an error mid-run writes a partial report naming it; --resume evaluates what is missing without retraining', async () => {
    const failing = run('failed', {
      onStage: (stage, arm) => {
        if (stage === 'evaluate' && arm === 'pixmix') throw new Error('disk full (simulated)');
      },
    });
    await expect(failing.promise).rejects.toThrow(/disk full \(simulated\)[\s\S]*checkpoints and a partial report are in/);
    const dir = path.join(runs, 'failed');
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/Stopped by: disk full \(simulated\)/);
    const partial = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(partial.status).toMatchObject({ state: 'partial', error: 'disk full (simulated)' });
    expect(partial.results.map((u: UnitResult) => u.arm)).toEqual(['baseline', 'pixmix']);
    expect(partial.results[1].training.epochs).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'figures', 'overall.png'))).toBe(true);

    await expect(run('failed', { resume: true, overrides: { epochs: 3 } }).promise).rejects.toThrow(ResumeError);
    // Started on wasm, resumed on cpu: a run may continue on another backend, and says so.
    const resumed = run('failed', { resume: true, overrides: { backend: 'cpu' } });
    const outcome = await resumed.promise;
    expect(resumed.io.errText).toMatch(/backend: cpu[\s\S]*\(resuming; resumed on cpu; started on wasm\)/);
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/backend cpu \(plain JavaScript\); resumed on cpu; started on wasm/);
    expect(outcome.report?.summaries.map((s) => Object.keys(s.headline).length)).toEqual([6, 6]);
    const log = fs.readFileSync(path.join(dir, 'arms', 'pixmix', 'seed-0', 'train.jsonl'), 'utf8').trim().split('\n');
    // Training had finished: the resume restores the final weights without another step.
    expect(log.filter((line) => line.includes('"event":"step"'))).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')).status.state).toBe('complete');
  }, 600_000);

  it('--seeds 2 trains and evaluates every arm with seeds 0 and 1, and reports mean ± std over them', async () => {
    const seeded = run('seeds', { overrides: { ...overrides, epochs: 1, seeds: 2 } });
    const outcome = await seeded.promise;
    expect(units('seeds').map((u) => `${u.arm}:${u.seed}`)).toEqual(['baseline:0', 'pixmix:0', 'baseline:1', 'pixmix:1']);
    const results = JSON.parse(fs.readFileSync(path.join(runs, 'seeds', 'results.json'), 'utf8'));
    const baseline = results.arms.find((a: { name: string }) => a.name === 'baseline');
    expect(baseline.seeds).toEqual([0, 1]);
    const [seed0, seed1] = units('seeds').filter((u) => u.arm === 'baseline');
    expect(seed0.training?.epochs).not.toEqual(seed1.training?.epochs);
    expect(outcome.table).toMatch(/Clean error ↓ +[\d.]+ ± [\d.]+/);
    expect(fs.readFileSync(path.join(runs, 'seeds', 'report.md'), 'utf8')).toMatch(/Seeds: 2 \(0, 1\); tables give mean ± standard deviation over seeds/);
  }, 600_000);

  it('VPIXMIX_BACKEND sets the backend below an explicit --backend; a bad value is an error naming the variable', async () => {
    const plan = async (env: Record<string, string>, backend?: string) => {
      const io = captureIo();
      await withEnv({ VPIXMIX_CACHE: cache, ...env }, () =>
        runRecipe({ recipe: 'quickstart', overrides: { ...overrides, backend }, out: path.join(runs, 'env'), dryRun: true, io, progressStream: null }),
      );
      return io.outText;
    };
    expect(await plan({ VPIXMIX_BACKEND: 'cpu' })).toMatch(/ backend +cpu\n/);
    expect(await plan({ VPIXMIX_BACKEND: 'cpu' }, 'wasm')).toMatch(/ backend +wasm\n/);
    await expect(plan({ VPIXMIX_BACKEND: 'gpu' })).rejects.toThrow(/VPIXMIX_BACKEND='gpu' is not a backend; set it to one of auto, tensorflow, webgpu, wasm, cpu/);
  });

  it('refuses to start a second run in a folder that holds one', async () => {
    fs.mkdirSync(path.join(runs, 'taken'), { recursive: true });
    fs.writeFileSync(path.join(runs, 'taken', 'plan.json'), '{}');
    await expect(run('taken').promise).rejects.toThrow(/already holds a run \(plan.json\); add --resume/);
  });
});
