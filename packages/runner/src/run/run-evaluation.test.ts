import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '@vpixmix/models';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CompanionSources,
  type EvaluationData,
  type UnitResult,
  defaultEvaluationSettings,
  evaluateSafety,
  openCorruptionSource,
  openPerturbationSource,
} from '@vpixmix/evaluation';
import { evaluationDataOf, openRunData } from '../data/open-data';
import { recipeSchema } from '../recipe/schema';

const recipe = recipeSchema.parse({
  data: { dataset: 'shapes', limit: { train: 8, test: 12 } },
  model: { name: 'wrn-10-1' },
  training: { epochs: 1 },
  arms: [{ name: 'a', augment: { preset: 'none' } }],
  evaluation: {
    batchSize: 5,
    corruptions: { names: ['gaussian_noise', 'contrast'], severities: [1, 5] },
    consistency: { names: ['gaussian_noise', 'translate'], limit: 2 },
    adversaries: { steps: 3, limit: 6 },
    anomaly: { sets: ['gaussian', 'held-out'], limit: 5 },
  },
});

describe("a run's evaluation (evaluateSafety with the recipe's settings)", () => {
  const cacheRoot = fs.mkdtempSync(path.join(tmpdir(), 'vpixmix-eval-'));
  let data: EvaluationData;
  let companions: CompanionSources;
  beforeAll(async () => {
    await initBackend('wasm');
    data = evaluationDataOf(recipe, await openRunData(recipe));
    companions = {
      corruptions: () => openCorruptionSource(recipe.evaluation, data, { cacheRoot, seed: recipe.seed }),
      perturbations: () => openPerturbationSource(recipe.evaluation, data, { cacheRoot, seed: recipe.seed }),
    };
  });

  it('measures every axis, saving after each one, and leaves no tensor behind', async () => {
    const model = createModel('wrn-10-1', { numClasses: 10, initSeed: 1 });
    const before = tf.memory().numTensors;
    const saved: string[] = [];
    const result: UnitResult = { arm: 'a', seed: 0 };
    const onAxisDone = (r: UnitResult) => saved.push(Object.keys(r).filter((k) => !['arm', 'seed', 'evalSeconds'].includes(k)).join(','));
    await evaluateSafety({ model, data, companions, options: { settings: recipe.evaluation, resume: result, onAxisDone } });
    expect(tf.memory().numTensors).toBe(before);
    expect(saved[0]).toBe('clean');
    expect(saved[saved.length - 1]).toBe('clean,calibration,corruptions,consistency,adversaries,anomaly');

    expect(result.clean?.count).toBe(12);
    expect(result.corruptions).toMatchObject({ names: ['gaussian_noise', 'contrast'], severities: [1, 5], count: 12 });
    expect(result.corruptions?.errors.map((row) => row.length)).toEqual([2, 2]);
    expect(result.corruptions?.mce).toBeCloseTo((result.corruptions?.errors.flat() ?? []).reduce((a, b) => a + b, 0) / 4, 10);
    expect(result.consistency).toMatchObject({ names: ['gaussian_noise', 'translate'], sequences: 2, steps: [31, 16] });
    expect(result.adversaries?.count).toBe(6);
    // PGD never makes a model more right than it is on clean inputs.
    expect(result.adversaries?.error).toBeGreaterThanOrEqual(result.adversaries?.cleanError ?? 100);
    expect(result.anomaly?.sets.map((s) => [s.name, s.inCount, s.outCount])).toEqual([
      ['gaussian', 12, 5],
      ['held-out', 12, 5],
    ]);
    expect(result.calibration?.rmsCorrupted).toBeDefined();

    // Evaluating again (the generated sets now come from the cache) gives the same numbers.
    const again: UnitResult = { arm: 'a', seed: 0 };
    await evaluateSafety({ model, data, companions, options: { settings: recipe.evaluation, resume: again } });
    const { evalSeconds: _a, ...first } = result;
    const { evalSeconds: _b, ...second } = again;
    expect(second).toEqual(first);
    model.dispose();
  }, 120_000);

  it('skips the axes a result already holds', async () => {
    const model = createModel('wrn-10-1', { numClasses: 10, initSeed: 1 });
    const result: UnitResult = { arm: 'a', seed: 0, clean: { error: 12.5, count: 1 } };
    const only = recipeSchema.parse({ ...recipe, evaluation: { ...recipe.evaluation, axes: ['clean', 'calibration'] } });
    await evaluateSafety({ model, data, companions, options: { settings: only.evaluation, resume: result } });
    expect(result.clean).toEqual({ error: 12.5, count: 1 });
    expect(result.calibration?.count).toBe(12);
    expect(result.corruptions).toBeUndefined();
    model.dispose();
  }, 60_000);
});

describe("a recipe's evaluation section", () => {
  it('defaults to the evaluation package\'s protocol, so evaluateSafety without settings measures what a recipe does', () => {
    const plain = recipeSchema.parse({ data: { dataset: 'shapes' }, model: { name: 'wrn-10-1' }, training: { epochs: 1 }, arms: [{ name: 'a', augment: { preset: 'none' } }] });
    expect(plain.evaluation).toEqual(defaultEvaluationSettings);
  });
});
