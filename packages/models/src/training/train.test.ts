import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../checkpoint/checkpoint';
import { createModel } from '../registry';
import { InMemoryTrainData, syntheticImages } from '../testing/synthetic-task';
import { formatProgressLine, type ProgressRecord } from './progress';
import { SgdOptimizer } from './sgd';
import { TrainingDivergedError, train } from './train';
import { createTrainStep, readStepResults, trainableParameters } from './train-step';

beforeAll(async () => {
  await initBackend('cpu');
});

function accuracy(model: ReturnType<typeof createModel>, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.predict(x) as tf.Tensor, 1), y), 'float32')).dataSync()[0]);
}

describe('training', () => {
  it('a tiny Wide ResNet learns a 4-class synthetic picture task well above chance (25%) in 16 steps', async () => {
    const trainSet = syntheticImages(128, 4, 1, 'train');
    const testSet = syntheticImages(128, 4, 1, 'test');
    const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [4, 4, 3], dropRate: 0.3, initSeed: 1 });
    const before = accuracy(model, testSet.x, testSet.y);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-train-'));
    const lines: string[] = [];
    const data = new InMemoryTrainData(trainSet.x, trainSet.y, 16, 3);
    fs.writeFileSync(path.join(dir, 'log.jsonl'), '{"event":"step","globalStep":99}\n'); // an older run's log
    const tensorsBefore = tf.memory().numTensors;
    const result = await train(model, data, {
      epochs: 2,
      optimizer: { lr: 0.1 },
      seed: 1,
      checkpoint: { file: path.join(dir, 'checkpoint.safetensors') },
      progress: { stream: { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream, jsonl: path.join(dir, 'log.jsonl'), lineEveryMs: 0 },
      onEpochEnd: () => ({ testAccuracy: accuracy(model, testSet.x, testSet.y) }),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore); // the loop, hook and checkpoints leave nothing behind
    const after = accuracy(model, testSet.x, testSet.y);
    expect(after).toBeGreaterThan(0.8);
    expect(after).toBeGreaterThan(before + 0.3);
    expect(result.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(result.epochs[1].loss).toBeLessThan(result.epochs[0].loss);

    // The JSON-lines log: start, one record per step, one per epoch with the hook's metrics, end.
    const log = fs.readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ProgressRecord);
    expect(log.map((r) => r.event)).toEqual(['start', ...Array(8).fill('step'), 'epoch', ...Array(8).fill('step'), 'epoch', 'end']);
    const steps = log.filter((r) => r.event === 'step');
    expect(steps.map((r) => r.globalStep)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(steps[0].lr).toBe(0.1);
    expect(steps[15].lr).toBeLessThan(0.01);
    for (const r of steps) {
      expect(r.loss).toBeGreaterThan(0);
      expect(r.samplesPerSec).toBeGreaterThan(0);
      expect(r.etaSec).toBeGreaterThanOrEqual(0);
      expect(r.epochAccuracy).toBeGreaterThanOrEqual(0);
    }
    expect(log[18].metrics?.['testAccuracy']).toBeCloseTo(after, 6);
    // The bar on stderr says the same.
    expect(lines.some((l) => /^epoch 2\/2 \[#+-*\] \d\/8 loss \d\.\d{4} acc \d+\.\d% [\d.]+ samples\/s ETA \d+s/.test(l))).toBe(true);
    // And the epoch-end checkpoint holds the final position.
    expect(readCheckpoint(path.join(dir, 'checkpoint.safetensors')).position).toMatchObject({ globalStep: 16, epoch: 2, batchInEpoch: 0 });
  }, 240_000);

  it('leaves tf.memory().numTensors flat across training steps (hard labels, soft labels, JSD)', async () => {
    const model = createModel('wrn-10-1', { numClasses: 3, inputShape: [4, 4, 3], dropRate: 0.3 });
    for (const jsd of [undefined, { weight: 12, views: 3 }]) {
      const optimizer = new SgdOptimizer(trainableParameters(model), { lr: 0.01 });
      const step = createTrainStep(model, optimizer, { numClasses: 3, jsd });
      const views = jsd?.views ?? 1;
      const x = tf.randomNormal([4 * views, 4, 4, 3], 0, 1, 'float32', 2);
      const hard = tf.tensor1d([0, 1, 2, 1], 'int32');
      const soft = tf.tensor2d([0.7, 0.3, 0, 0, 0.5, 0.5, 1, 0, 0, 0.2, 0.2, 0.6], [4, 3]);
      await readStepResults([step({ x, y: hard }, 0.01, 0)]); // creates the momentum buffers
      const counts: number[] = [];
      for (let i = 1; i <= 4; i++) {
        await readStepResults([step({ x, y: i % 2 ? soft : hard }, 0.01, i)]);
        counts.push(tf.memory().numTensors);
      }
      expect(new Set(counts).size).toBe(1);
      optimizer.dispose();
      tf.dispose([x, hard, soft]);
    }
  });

  it('stops with TrainingDivergedError on a non-finite loss', async () => {
    const { x, y } = syntheticImages(16, 4, 2, 'train');
    const poisoned = tf.tidy(() => tf.where(tf.equal(tf.reshape(tf.range(0, 16 * 48), [16, 4, 4, 3]), 5), tf.fill([16, 4, 4, 3], NaN), x));
    const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [4, 4, 3] });
    await expect(
      train(model, new InMemoryTrainData(poisoned, y, 8, 1), { epochs: 1, optimizer: { lr: 0.1 }, seed: 1, progress: { stream: null } }),
    ).rejects.toThrow(TrainingDivergedError);
  });

  it('reads losses back in batches without changing the log, the epochs or the weights; leaves nothing behind', async () => {
    const { x, y } = syntheticImages(48, 4, 3, 'train');
    const runOnce = async (readEverySteps: number) => {
      const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [4, 4, 3], dropRate: 0.3, initSeed: 2 });
      const records: ProgressRecord[] = [];
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-read-every-')), 'log.jsonl');
      const tensorsBefore = tf.memory().numTensors;
      const result = await train(model, new InMemoryTrainData(x, y, 8, 4), {
        epochs: 2,
        optimizer: { lr: 0.05 },
        seed: 4,
        readEverySteps,
        progress: { stream: null, jsonl: file },
      });
      records.push(...fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ProgressRecord));
      const weights = await Promise.all(model.weights.map(async (w) => Array.from(await w.read().data())));
      model.dispose();
      expect(tf.memory().numTensors - tensorsBefore).toBeLessThanOrEqual(0);
      return { result, records, weights };
    };
    const perStep = await runOnce(1);
    const batched = await runOnce(4); // 6 steps per epoch: reads after steps 4 and 6 of each
    const steps = (r: ProgressRecord[]) => r.filter((e) => e.event === 'step').map((e) => [e.epoch, e.batch, e.globalStep, e.lr, e.loss, e.epochLoss, e.epochAccuracy]);
    expect(steps(batched.records)).toEqual(steps(perStep.records));
    expect(steps(batched.records)).toHaveLength(12);
    expect(batched.result.epochs).toEqual(perStep.result.epochs);
    expect(batched.weights).toEqual(perStep.weights);
    const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [4, 4, 3] });
    await expect(train(model, new InMemoryTrainData(x, y, 8, 4), { epochs: 1, optimizer: { lr: 0.1 }, seed: 1, readEverySteps: 0 })).rejects.toThrow(
      /readEverySteps: must be an integer >= 1, got 0/,
    );
    model.dispose();
    tf.dispose([x, y]);
  }, 120_000);

  it('formats the progress bar line', () => {
    const line = formatProgressLine({
      event: 'step', time: '', epoch: 2, epochs: 100, batch: 120, batchesPerEpoch: 391, globalStep: 902, totalSteps: 39100,
      epochLoss: 1.23456, epochAccuracy: 0.5623, samplesPerSec: 812.34, etaSec: 3725,
    });
    expect(line).toBe('epoch 3/100 [######--------------] 120/391 loss 1.2346 acc 56.2% 812.3 samples/s ETA 1h02m05s');
  });
});
