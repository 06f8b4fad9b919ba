import fs from 'node:fs';
import path from 'node:path';
import { loadCheckpointModel, saveModel } from '@vpixmix/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { captureIo } from '../cli/testing/capture-io';
import { runRecipe } from '../run/run-recipe';
import { tempFolder, withEnv } from '../run/testing/fixtures';
import { ModelFolderError } from './errors';
import { evaluateModel } from './evaluate-model';

// A real run (a tiny model, one epoch, every axis on a few items), then its model evaluated
// again on its own: the numbers must be the run's, to the last bit.
const recipeYaml = `
seed: 3
backend: wasm
data: { dataset: shapes, size: 16, limit: { train: 12, test: 10 } }
model: { name: wrn-10-1, dropout: 0 }
training: { epochs: 1, batchSize: 6 }
arms:
  - { name: plain, augment: { preset: none } }
evaluation:
  batchSize: 4
  corruptions: { names: [gaussian_noise, fog], severities: [2, 5] }
  consistency: { names: [shot_noise, translate], limit: 3 }
  adversaries: { steps: 2, limit: 5 }
  anomaly: { sets: [gaussian, held-out], limit: 4 }
`;
const axes = ['clean', 'calibration', 'corruptions', 'consistency', 'adversaries', 'anomaly'] as const;

let work: string;
let recipeFile: string;
let runDir: string;
const env = () => ({ VPIXMIX_CACHE: path.join(work, 'cache') });

beforeAll(async () => {
  work = tempFolder('evaluate');
  recipeFile = path.join(work, 'tiny.yaml');
  fs.writeFileSync(recipeFile, recipeYaml);
  runDir = path.join(work, 'run');
  await withEnv(env(), () => runRecipe({ recipe: recipeFile, out: runDir, io: captureIo(), progressStream: null }));
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const runResult = () => JSON.parse(fs.readFileSync(path.join(runDir, 'results.json'), 'utf8')).results[0];

describe('vpixmix evaluate', () => {
  it("reproduces a run's evaluation exactly from its unit folder, and writes the same report", async () => {
    const io = captureIo();
    const out = path.join(work, 'again');
    const code = await withEnv(env(), () => main(['evaluate', '--model', path.join(runDir, 'arms', 'plain', 'seed-3'), '--dataset', 'shapes', '--out', out], io));
    expect(code, io.errText).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    const run = runResult();
    expect(written.results[0]).toMatchObject({ arm: 'plain', seed: 3 });
    for (const axis of axes) expect(written.results[0][axis], axis).toEqual(run[axis]);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/## Corruptions[\s\S]*## Anomaly detection/);
    for (const figure of ['overall.png', 'corruption-severity.png', 'reliability.png', 'roc.png']) expect(fs.existsSync(path.join(out, 'figures', figure)), figure).toBe(true);
    expect(io.outText).toMatch(/Corruptions mCE/);
  }, 300_000);

  it('evaluates a saved model folder with a recipe\'s settings: the same numbers again', async () => {
    const saved = path.join(work, 'saved-model');
    const model = await loadCheckpointModel(path.join(runDir, 'arms', 'plain', 'seed-3', 'checkpoint.safetensors'));
    await saveModel(model, saved);
    model.dispose();
    const outcome = await withEnv(env(), () =>
      evaluateModel({ model: saved, dataset: 'shapes', recipe: recipeFile, seed: 3, out: path.join(work, 'saved-eval'), io: captureIo(), overrides: { set: ['evaluation.axes=[clean, adversaries, anomaly]'] } }),
    );
    const run = runResult();
    expect(outcome.result.arm).toBe('saved-model');
    for (const axis of ['clean', 'adversaries', 'anomaly'] as const) expect(outcome.result[axis], axis).toEqual(run[axis]);
    expect(outcome.result.corruptions).toBeUndefined();
  }, 300_000);

  it('says what --model must be, and refuses a model whose classes or input size do not fit', async () => {
    const io = captureIo();
    expect(await main(['evaluate', '--model', path.join(work, 'nothing'), '--dataset', 'shapes'], io)).toBe(1);
    expect(io.errText).toMatch(/ModelFolderError: --model .*nothing does not exist/);
    await expect(evaluateModel({ model: work, dataset: 'shapes', io: captureIo() })).rejects.toThrow(/holds no model: expected model.json/);
    const unit = path.join(runDir, 'arms', 'plain', 'seed-3');
    await expect(withEnv(env(), () => evaluateModel({ model: unit, dataset: 'shapes', io: captureIo(), overrides: { set: ['data.size=32'] } }))).rejects.toThrow(ModelFolderError);
    await expect(withEnv(env(), () => evaluateModel({ model: unit, dataset: 'shapes', io: captureIo(), overrides: { set: ['data.size=32'] } }))).rejects.toThrow(/takes 16x16x3 inputs .* 32x32x3; set the data size/);
    expect((await main(['evaluate', '--dataset', 'shapes'], captureIo()))).toBe(2);
  }, 300_000);
});
