import { Rng } from '@vpixmix/augment-core';
import { type AnyDataset, subsetDataset } from '@vpixmix/datasets';

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
