import path from 'node:path';
import { Rng } from '@vpixmix/augment-core';
import { type AnyDataset, type DatasetSuite, type OpenOptions, openDatasetSuite, randomSubset, subsetDataset } from '@vpixmix/datasets';
import type { Recipe } from '../recipe/schema';
import { cacheRoot } from '../util/cache-root';

/** The data a run trains and evaluates on: the suite, and its train/test splits cut to the recipe's limits. */
export interface RunData {
  suite: DatasetSuite;
  kind: 'image' | 'clip';
  train: AnyDataset;
  test: AnyDataset;
  classNames: readonly string[];
}

/** How the recipe's `data:` section opens the data set. */
export function openOptionsOf(recipe: Recipe): OpenOptions {
  const { data } = recipe;
  return {
    root: data.root,
    fold: data.split,
    seed: data.seed,
    frames: data.clip?.frames,
    size: data.clip?.size ?? data.size,
    stride: data.clip?.stride,
  };
}

export async function openRunData(recipe: Recipe): Promise<RunData> {
  // Decoded UCF101 clips are cached (ffmpeg decodes each video once, not once per epoch).
  const suite = await openDatasetSuite(recipe.data.dataset, { ...openOptionsOf(recipe), cacheDir: path.join(cacheRoot(), recipe.data.dataset) });
  const { train: trainLimit, test: testLimit } = recipe.data.limit;
  // One subset for every arm and seed: differences between arms are not differences in data.
  const train = trainLimit ? randomSubset(suite.train, trainLimit, `${recipe.seed}:train`) : suite.train;
  const test = testLimit ? randomSubset(suite.test, testLimit, `${recipe.seed}:test`) : suite.test;
  return { suite, kind: suite.kind, train, test, classNames: suite.train.classNames };
}

/**
 * `count` items of `dataset` drawn without replacement for one evaluation axis (kept in
 * dataset order), the same for every arm. A prefix would not do: some sets are ordered by class.
 */
export function evaluationSubset<D extends AnyDataset>(dataset: D, count: number | undefined, key: string): D {
  if (count === undefined || count >= dataset.length) return dataset;
  const picked = Rng.seeded('evaluation', key).permutation(dataset.length).slice(0, count).sort((a, b) => a - b);
  return subsetDataset(dataset, picked, `${dataset.name}[${count} for ${key}]`);
}

/** The same draw as evaluationSubset, as indices into a set of `length` items. */
export function evaluationIndices(length: number, count: number | undefined, key: string): number[] {
  if (count === undefined || count >= length) return Array.from({ length }, (_, i) => i);
  return Rng.seeded('evaluation', key).permutation(length).slice(0, count).sort((a, b) => a - b);
}
