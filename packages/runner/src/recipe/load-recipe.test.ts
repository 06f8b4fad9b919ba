import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from './load-recipe';

function recipeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vpixmix-recipes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const valid = `description: tiny
data:
  dataset: shapes
model:
  name: wrn-10-1
training:
  epochs: 2
arms:
  - name: baseline
    augment: { preset: standard }
  - name: pixmix
    augment: { preset: pixmix, k: 4, beta: 3 }
    mixing: { source: fractals, count: 10 }
evaluation:
  adversaries: { eps: 2/255, stepSize: 0.5/255, steps: 5 }
`;

describe('loadRecipe', () => {
  it('reads a recipe, fills defaults and parses fractions', () => {
    const { name, recipe } = loadRecipe('tiny', {}, recipeDir({ 'tiny.yaml': valid }));
    expect(name).toBe('tiny');
    expect(recipe.training.batchSize).toBe(128);
    expect(recipe.evaluation.adversaries.eps).toBeCloseTo(2 / 255, 12);
    expect(recipe.evaluation.axes).toEqual(['clean', 'corruptions', 'consistency', 'adversaries', 'calibration', 'anomaly']);
    expect(recipe.arms[1].mixing).toEqual({ source: 'fractals', count: 10, seed: 0, preprocess: 'reference' });
  });

  it('applies command-line overrides before validating', () => {
    const { recipe } = loadRecipe('tiny', { epochs: 1, limit: 64, backend: 'cpu', seeds: 3 }, recipeDir({ 'tiny.yaml': valid }));
    expect(recipe.training.epochs).toBe(1);
    expect(recipe.data.limit).toEqual({ train: 64, test: 64 });
    expect(recipe.evaluation.limit).toBe(64);
    expect(recipe.backend).toBe('cpu');
    expect(recipe.seeds).toBe(3);
  });

  it('points at the bad field with its line and says what is allowed', () => {
    const bad = valid.replace('dataset: shapes', 'dataset: imagenet').replace('k: 4', 'k: -1');
    const dir = recipeDir({ 'bad.yaml': bad });
    expect(() => loadRecipe('bad', {}, dir)).toThrow(/bad\.yaml:3: data\.dataset: .*"shapes"/);
    expect(() => loadRecipe('bad', {}, dir)).toThrow(/bad\.yaml:\d+: arms\[1\]\.augment\.k: .*>=0/);
  });

  it('names unknown fields, unknown recipes and duplicate arms', () => {
    const dir = recipeDir({
      'typo.yaml': valid.replace('epochs: 2', 'epochs: 2\n  epoch: 3'),
      'dup.yaml': valid.replace('name: pixmix', 'name: baseline'),
    });
    expect(() => loadRecipe('typo', {}, dir)).toThrow(/training: .*"epoch"/);
    expect(() => loadRecipe('nope', {}, dir)).toThrow(/unknown recipe 'nope'\. Known recipes .*dup, typo/);
    expect(() => loadRecipe('dup', {}, dir)).toThrow(/two arms are named 'baseline'/);
  });

  it('points an invalid --set/--epochs at the option, not at a recipe line', () => {
    const dir = recipeDir({ 'tiny.yaml': valid });
    expect(() => loadRecipe('tiny', { set: ['model.nmae=wrn-10-1'] }, dir)).toThrow(/--set model\.nmae=wrn-10-1 \(command line\): model: .*"nmae"/);
    expect(() => loadRecipe('tiny', { set: ['training.lr=-3'] }, dir)).toThrow(/--set training\.lr=-3 \(command line\): training\.lr: /);
    expect(() => loadRecipe('tiny', { set: ['training.lr=-3'] }, dir)).not.toThrow(/tiny\.yaml:\d+: training\.lr/);
    expect(() => loadRecipe('tiny', { epochs: 0 }, dir)).toThrow(/--epochs 0 \(command line\): training\.epochs: /);
  });

  it('--limit caps every evaluation axis, the anomaly sets included', () => {
    const withLimits = valid.replace('evaluation:\n', 'evaluation:\n  anomaly: { limit: 300 }\n  corruptions: { limit: 5 }\n');
    const { recipe } = loadRecipe('tiny', { limit: 16 }, recipeDir({ 'tiny.yaml': withLimits }));
    expect(recipe.evaluation.anomaly.limit).toBe(16);
    expect(recipe.evaluation.corruptions.limit).toBe(5);
    expect(recipe.evaluation.adversaries.limit).toBe(16);
  });
});
