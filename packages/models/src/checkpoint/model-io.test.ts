import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors';
import { createModel } from '../registry';
import { exited, spawnTsModule } from '../testing/child-process';
import { SgdOptimizer } from '../training/sgd';
import { createTrainStep, readStepResults, trainableParameters } from '../training/train-step';
import { saveCheckpoint } from './checkpoint';
import { loadModel, saveModel } from './model-io';
import { readTensorFile, writeTensorFile } from './tensor-file';

beforeAll(async () => {
  await initBackend('cpu');
});

/** A model whose weights, running statistics included, are no longer their initial values. */
async function trainedModel(name: string, inputShape: number[], numClasses: number): Promise<{ model: tfl.LayersModel; optimizer: SgdOptimizer }> {
  const model = createModel(name, { numClasses, inputShape, initSeed: 3 });
  const optimizer = new SgdOptimizer(trainableParameters(model), { lr: 0.05 });
  const step = createTrainStep(model, optimizer, { numClasses });
  const x = tf.randomNormal([4, ...inputShape], 0, 1, 'float32', 1);
  const y = tf.tensor1d([0, 1, 2, 1], 'int32');
  for (let i = 0; i < 2; i++) await readStepResults([step({ x, y }, 0.05, i)]);
  return { model, optimizer };
}

async function logitsInFreshProcess(source: string, x: tf.Tensor, dir: string): Promise<Float32Array> {
  const input = path.join(dir, 'input.safetensors');
  const output = path.join(dir, 'output.safetensors');
  writeTensorFile(input, new Map([['x', { shape: x.shape, data: x.dataSync() as Float32Array }]]));
  const run = await exited(spawnTsModule(path.join(__dirname, '../testing/predict-child.ts'), [source, input, output]));
  expect(run.stderr).not.toMatch(/Error/);
  expect(run.code).toBe(0);
  const logits = readTensorFile(output).tensors.get('logits');
  if (!logits) throw new Error('the child wrote no logits');
  return logits.data;
}

describe('saving and loading models', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-save-'));

  for (const [name, inputShape] of [
    ['wrn-10-1', [4, 4, 3]],
    ['r3d-tiny', [4, 16, 16, 3]],
  ] as const) {
    it(`${name}: saved, loaded in a fresh process, gives bitwise the same logits`, async () => {
      const { model } = await trainedModel(name, [...inputShape], 3);
      const modelDir = path.join(dir, name);
      await saveModel(model, modelDir, { note: 'test' });
      expect(fs.readdirSync(modelDir).sort()).toEqual(['model.json', 'weights.bin']);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
      const x = tf.randomNormal([3, ...inputShape], 0, 1, 'float32', 7);
      const here = (model.predict(x) as tf.Tensor).dataSync();
      const there = await logitsInFreshProcess(modelDir, x, dir);
      expect(Buffer.from(there.buffer).equals(Buffer.from(here.buffer))).toBe(true);
      // In this process too, and the metadata is there.
      const loaded = await loadModel(modelDir);
      expect(loaded.name).toBe(name);
      expect(Buffer.from((loaded.predict(x) as tf.Tensor).dataSync().buffer).equals(Buffer.from(here.buffer))).toBe(true);
      const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
      expect(manifest.userDefinedMetadata.vpixmix).toEqual({ modelName: name, note: 'test' });
    }, 120_000);
  }

  it('a checkpoint alone rebuilds the model in a fresh process, same logits', async () => {
    const { model, optimizer } = await trainedModel('wrn-10-1', [4, 4, 3], 3);
    const file = path.join(dir, 'checkpoint.safetensors');
    await saveCheckpoint(file, model, optimizer, {
      globalStep: 2, epoch: 0, batchInEpoch: 2, batchesPerEpoch: 4, epochs: 1,
      epochTotals: { lossSum: 0, correct: 0, count: 0 }, dataState: { rng: [1, 2, 3, 4] }, runConfig: {},
    });
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 8);
    const here = (model.predict(x) as tf.Tensor).dataSync();
    const there = await logitsInFreshProcess(file, x, dir);
    expect(Buffer.from(there.buffer).equals(Buffer.from(here.buffer))).toBe(true);
  }, 120_000);

  it('saving again replaces the folder; loading a wrong folder is a CheckpointError', async () => {
    const { model } = await trainedModel('wrn-10-1', [4, 4, 3], 3);
    const modelDir = path.join(dir, 'again');
    await saveModel(model, modelDir);
    await saveModel(model, modelDir);
    expect(fs.readdirSync(modelDir).sort()).toEqual(['model.json', 'weights.bin']);
    await expect(loadModel(path.join(dir, 'nothing-here'))).rejects.toThrow(CheckpointError);
    await expect(loadModel(path.join(dir, 'nothing-here'))).rejects.toThrow(/no model\.json here/);
  });
});
