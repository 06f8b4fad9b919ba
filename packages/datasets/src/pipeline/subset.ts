import { Rng, type Seed } from '@vpixmix/augment-core';
import { type AnyDataset, type ClipDataset, type ImageDataset, checkIndex } from '../dataset';
import { DatasetArgumentError } from '../errors';

/** A view of `dataset` holding only `indices` (in that order). */
export function subsetDataset<D extends AnyDataset>(dataset: D, indices: readonly number[], name = `${dataset.name}[${indices.length}]`): D {
  for (const i of indices) checkIndex(dataset, i);
  const base = { name, length: indices.length, numClasses: dataset.numClasses, classNames: dataset.classNames, width: dataset.width, height: dataset.height };
  if (dataset.kind === 'image') {
    const view: ImageDataset = {
      ...base,
      kind: 'image',
      item: (i) => (checkIndex(view, i), dataset.item(indices[i])),
      label: (i) => (checkIndex(view, i), dataset.label(indices[i])),
    };
    return view as D;
  }
  const clips = dataset as ClipDataset;
  const view: ClipDataset = {
    ...base,
    kind: 'clip',
    frames: clips.frames,
    item: (i, options) => (checkIndex(view, i), clips.item(indices[i], options)),
    label: (i) => (checkIndex(view, i), clips.label(indices[i])),
  };
  return view as D;
}

/** `count` items drawn without replacement by `seed` (kept in dataset order): what `--limit` uses. */
export function randomSubset<D extends AnyDataset>(dataset: D, count: number, seed: Seed): D {
  if (!Number.isInteger(count) || count < 1) throw new DatasetArgumentError('limit', `must be a positive integer, got ${count}`);
  if (count >= dataset.length) return dataset;
  const picked = Rng.seeded(seed, 'subset', dataset.name).permutation(dataset.length).slice(0, count).sort((a, b) => a - b);
  return subsetDataset(dataset, picked, `${dataset.name}[${count} of ${dataset.length}]`);
}
