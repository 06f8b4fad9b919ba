import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { openDatasetSuite } from '@vpixmix/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationArgumentError } from './errors';
import { type SafetyProgress, evaluateSafety } from './evaluate-safety';
import type { EvaluatedAxis } from './results';
import { type EvaluationData, type EvaluationSettingsInput, evaluatedAxes } from './settings';

/** A tiny seeded linear classifier over [H, W, 3] (or [T, H, W, 3]) inputs: real weights, real gradients. */
function linearModel(inputShape: number[], classes = 10): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape }));
  model.add(tfl.layers.dense({ units: classes, kernelInitializer: tfl.initializers.glorotNormal({ seed: 3 }), biasInitializer: 'zeros' }));
  return model;
}

async function suiteData(name: 'shapes' | 'motion', options: { size: number; frames?: number; testSize: number }): Promise<EvaluationData> {
  const suite = await openDatasetSuite(name, { size: options.size, frames: options.frames, testSize: options.testSize, trainSize: 10, oodLength: 6 });
  return { name, kind: suite.kind, test: suite.test, classNames: suite.test.classNames, ood: suite.ood, openOptions: options };
}

const quick: EvaluationSettingsInput = {
  batchSize: 7,
  corruptions: { names: ['gaussian_noise', 'contrast'], severities: [1, 3] },
  consistency: { names: ['gaussian_noise', 'rotate'], limit: 3 },
  adversaries: { steps: 2 },
  anomaly: { sets: ['gaussian', 'blobs'], limit: 6 },
};

describe('evaluateSafety', () => {
  const cacheRoot = fs.mkdtempSync(path.join(tmpdir(), 'vpixmix-evaluation-'));
  let images: EvaluationData;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    images = await suiteData('shapes', { size: 16, testSize: 12 });
  });
  afterAll(() => fs.rmSync(cacheRoot, { recursive: true, force: true }));

  it('measures every axis of a TF.js model, reporting progress, and returns the results.json structure', async () => {
    const model = linearModel([16, 16, 3]);
    const before = tf.memory().numTensors;
    const started: EvaluatedAxis[] = [];
    const finished: Record<string, SafetyProgress> = {};
    const saved: string[][] = [];
    const result = await evaluateSafety({
      model,
      data: images,
      companions: { cacheRoot, seed: 0 },
      options: {
        settings: quick,
        seed: 4,
        arm: 'linear',
        onAxisStart: (axis) => started.push(axis),
        onProgress: (event) => (finished[`${event.axis}: ${event.label}`] = event),
        onAxisDone: (r) => saved.push(evaluatedAxes.filter((axis) => r[axis] !== undefined)),
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(result).sort()).toEqual(['adversaries', 'anomaly', 'arm', 'calibration', 'clean', 'consistency', 'corruptions', 'evalSeconds', 'seed']);
    expect(result).toMatchObject({ arm: 'linear', seed: 4, clean: { count: 12 }, corruptions: { names: ['gaussian_noise', 'contrast'], severities: [1, 3], count: 12 } });
    expect(result.consistency).toMatchObject({ sequences: 3, steps: [31, 31] });
    expect(result.adversaries).toMatchObject({ steps: 2, count: 12 });
    expect(result.anomaly?.sets.map((s) => [s.name, s.outCount])).toEqual([['gaussian', 6], ['blobs', 6]]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    // Axes start in order; every counted job ends at its total; the result is handed over after each axis.
    expect(started).toEqual(['clean', 'calibration', 'corruptions', 'consistency', 'adversaries', 'anomaly']);
    const jobs = Object.values(finished);
    expect(new Set(jobs.map((e) => e.axis))).toEqual(new Set(['clean', 'corruptions', 'consistency', 'adversaries', 'anomaly']));
    for (const job of jobs) expect(job.done, job.label).toBe(job.total);
    expect(saved.map((axes) => axes.length)).toEqual([1, 2, 3, 3, 4, 5, 6]);
    model.dispose();
  }, 120_000);

  it('takes any logits(batch) function of [0, 1] inputs: the same predictions as the model it wraps', async () => {
    const model = linearModel([16, 16, 3]);
    const axes: EvaluatedAxis[] = ['clean', 'calibration', 'adversaries', 'anomaly'];
    const settings = { ...quick, adversaries: { steps: 2, limit: 6 } };
    const ofModel = await evaluateSafety({ model, data: images, companions: { cacheRoot, seed: 0 }, axes, options: { settings } });
    const logits = (batch: tf.Tensor) => model.apply(tf.sub(tf.mul(batch, 2), 1), { training: false }) as tf.Tensor;
    const ofLogits = await evaluateSafety({ logits, data: images, companions: { cacheRoot, seed: 0 }, axes, options: { settings } });
    expect(ofLogits.clean).toEqual(ofModel.clean);
    expect(ofLogits.calibration?.rms).toBeCloseTo(ofModel.calibration?.rms ?? NaN, 3);
    expect(ofLogits.adversaries?.error).toBe(ofModel.adversaries?.error);
    expect(ofLogits.anomaly?.auroc).toBeCloseTo(ofModel.anomaly?.auroc ?? NaN, 3);
    expect(ofLogits.corruptions).toBeUndefined();
    model.dispose();
  }, 120_000);

  it('evaluates clips: PGD bounds every frame, temporal corruptions run on whole clips', async () => {
    const clips = await suiteData('motion', { size: 16, frames: 4, testSize: 5 });
    const model = linearModel([4, 16, 16, 3], clips.classNames.length);
    const result = await evaluateSafety({
      model,
      data: clips,
      companions: { cacheRoot, seed: 0 },
      axes: ['clean', 'corruptions', 'adversaries'],
      options: { settings: { batchSize: 2, corruptions: { names: ['reverse', 'gaussian_noise'], severities: [5] }, adversaries: { steps: 1 } } },
    });
    expect(result.clean?.count).toBe(5);
    expect(result.corruptions).toMatchObject({ names: ['reverse', 'gaussian_noise'], count: 5 });
    expect(result.adversaries?.error).toBeGreaterThanOrEqual(result.adversaries?.cleanError ?? 100);
    model.dispose();
  }, 120_000);

  it('says what to pass when the model or a setting is wrong', async () => {
    const model = linearModel([16, 16, 3]);
    const companions = { cacheRoot, seed: 0 };
    await expect(evaluateSafety({ data: images, companions })).rejects.toThrow(EvaluationArgumentError);
    await expect(evaluateSafety({ model, logits: (x) => x, data: images, companions })).rejects.toThrow(/pass one/);
    await expect(evaluateSafety({ model, data: images, companions, axes: ['clean', 'speed' as EvaluatedAxis] })).rejects.toThrow(/the axes are clean/);
    await expect(evaluateSafety({ model, data: images, companions, options: { settings: { batchSize: 0 } } })).rejects.toThrow(/batchSize/);
    await expect(evaluateSafety({ model, data: images, companions, axes: ['anomaly'], options: { settings: { anomaly: { sets: ['nope'] } } } })).rejects.toThrow(/no out-of-distribution set 'nope'/);
    model.dispose();
  });
});

describe('evaluateSafety stopped by a signal', () => {
  it('saves the axis in progress and stops, so `resume` continues there', async () => {
    await tf.setBackend('cpu');
    const data = await suiteData('shapes', { size: 16, testSize: 6 });
    const model = linearModel([16, 16, 3]);
    const controller = new AbortController();
    const result = { arm: 'a', seed: 0 };
    const stopped = evaluateSafety({
      model,
      data,
      companions: { cacheRoot: path.join(tmpdir(), 'unused'), seed: 0 },
      axes: ['clean', 'calibration', 'adversaries'],
      options: { resume: result, signal: controller.signal, onAxisDone: () => controller.abort() },
    });
    await expect(stopped).rejects.toThrow(/abort/i);
    expect(Object.keys(result)).toEqual(['arm', 'seed', 'evalSeconds', 'clean']);
    const done = await evaluateSafety({ model, data, companions: { cacheRoot: path.join(tmpdir(), 'unused'), seed: 0 }, axes: ['clean', 'calibration', 'adversaries'], options: { resume: result, settings: { adversaries: { steps: 1 } } } });
    expect(done).toBe(result);
    expect(done.adversaries?.count).toBe(6);
    model.dispose();
  }, 60_000);
});
