import path from 'node:path';
import { type AnyDataset, type DatasetSuite, type OpenOptions, openDatasetSuite, randomSubset } from '@vpixmix/datasets';
import type { EvaluationData } from '@vpixmix/evaluation';
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

/** What evaluation needs of the run's data: its name, test items, classes and OOD sets, and how it was opened. */
export function evaluationDataOf(recipe: Recipe, data: RunData): EvaluationData {
  return { name: recipe.data.dataset, kind: data.kind, test: data.test, classNames: data.classNames, ood: data.suite.ood, openOptions: openOptionsOf(recipe) };
}
