import path from 'node:path';
import {
  type AnyDataset,
  CorruptionSet,
  PerturbationSet,
  type SequenceDataset,
  companionName,
  datasetRoot,
  subsetDataset,
  workspaceRoot,
} from '@vpixmix/datasets';
import { defaultCorruptions, defaultPerturbations } from '../recipe/check-recipe';
import type { Recipe } from '../recipe/schema';
import { RunDataError } from '../run/errors';
import type { LineSink } from '../util/progress';
import { generatedCorruptions, generatedPerturbations } from './generate-companions';
import { evaluationIndices, evaluationSubset, openOptionsOf, type RunData } from './open-data';

/** The corrupted test items one run evaluates on, by corruption and severity. */
export interface CorruptionSource {
  names: readonly string[];
  severities: readonly number[];
  /** Items per corruption and severity. */
  count: number;
  /** Where the items come from, for the report. */
  description: string;
  dataset(name: string, severity: number): AnyDataset;
  close(): void;
}

/** The -P sequences one run evaluates on. */
export interface PerturbationSource {
  names: readonly string[];
  count: number;
  description: string;
  sequences(name: string): SequenceDataset;
  close(): void;
}

export interface CompanionContext {
  /** Generated sets are cached here. */
  cacheRoot: string;
  log?: LineSink;
}

/** The -C / -P folder a `source: folder` section reads: its `folder:` (relative to the workspace) or datasets/<name>-c. */
export function companionFolder(recipe: Recipe, kind: 'c' | 'p'): string {
  const section = kind === 'c' ? recipe.evaluation.corruptions : recipe.evaluation.consistency;
  if (section.folder) return path.resolve(workspaceRoot, section.folder);
  return datasetRoot(companionName(recipe.data.dataset, kind));
}

function missingNames(wanted: readonly string[], present: readonly string[], folder: string, what: string): void {
  const missing = wanted.filter((n) => !present.includes(n));
  if (missing.length) {
    throw new RunDataError(
      `${folder} has no ${what} ${missing.join(', ')} (it holds ${present.join(', ') || 'none'}). ` +
        `Name the ones it has in the recipe's evaluation section, or use source: generate.`,
    );
  }
}

function limitOf(recipe: Recipe, section: { limit?: number }): number | undefined {
  return section.limit ?? recipe.evaluation.limit;
}

export async function openCorruptionSource(recipe: Recipe, data: RunData, context: CompanionContext): Promise<CorruptionSource> {
  const section = recipe.evaluation.corruptions;
  const names = section.names ?? defaultCorruptions(data.kind === 'clip');
  const classNames = data.classNames;
  let set: CorruptionSet;
  let indices: number[];
  let description: string;
  if (section.source === 'folder') {
    const folder = companionFolder(recipe, 'c');
    set = CorruptionSet.open(folder, { name: companionName(recipe.data.dataset, 'c'), classNames, width: data.test.width, height: data.test.height });
    missingNames(names, set.names, folder, 'corruptions');
    indices = evaluationIndices(set.count, limitOf(recipe, section), 'corruptions');
    description = `${path.relative(workspaceRoot, folder) || folder} (${indices.length} of ${set.count} items)`;
  } else {
    const items = evaluationSubset(data.test, limitOf(recipe, section), 'corruptions');
    const folder = await generatedCorruptions(items, {
      names,
      seed: recipe.seed,
      cacheRoot: context.cacheRoot,
      datasetName: recipe.data.dataset,
      extra: openOptionsOf(recipe),
      log: context.log,
    });
    set = CorruptionSet.open(folder, { classNames });
    indices = Array.from({ length: set.count }, (_, i) => i);
    description = `generated from ${items.length} test items (cached in ${path.relative(workspaceRoot, folder)})`;
  }
  const all = indices.length === set.count;
  return {
    names,
    severities: section.severities,
    count: indices.length,
    description,
    dataset(name, severity) {
      const full = set.kind === 'clip' ? set.clips(name, severity) : set.images(name, severity);
      return all ? full : subsetDataset(full as AnyDataset, indices);
    },
    close: () => set.close(),
  };
}

function sequenceSubset(dataset: SequenceDataset, indices: readonly number[]): SequenceDataset {
  if (indices.length === dataset.length) return dataset;
  return {
    ...dataset,
    name: `${dataset.name}[${indices.length}]`,
    length: indices.length,
    item: (i) => dataset.item(indices[i]),
    label: (i) => dataset.label(indices[i]),
  };
}

export async function openPerturbationSource(recipe: Recipe, data: RunData, context: CompanionContext): Promise<PerturbationSource> {
  const section = recipe.evaluation.consistency;
  const names = section.names ?? defaultPerturbations();
  let set: PerturbationSet;
  let description: string;
  let limit: number | undefined;
  if (section.source === 'folder') {
    const folder = companionFolder(recipe, 'p');
    set = PerturbationSet.open(folder, { name: companionName(recipe.data.dataset, 'p'), classNames: data.classNames, width: data.test.width, height: data.test.height });
    missingNames(names, set.names, folder, 'perturbations');
    limit = limitOf(recipe, section);
    description = path.relative(workspaceRoot, folder) || folder;
  } else {
    const items = evaluationSubset(data.test, limitOf(recipe, section), 'consistency');
    const folder = await generatedPerturbations(items, {
      names,
      seed: recipe.seed,
      cacheRoot: context.cacheRoot,
      datasetName: recipe.data.dataset,
      extra: openOptionsOf(recipe),
      log: context.log,
    });
    set = PerturbationSet.open(folder, { classNames: data.classNames });
    description = `generated from ${items.length} test items (cached in ${path.relative(workspaceRoot, folder)})`;
  }
  const first = set.sequences(names[0]);
  const indices = evaluationIndices(first.length, limit, 'consistency');
  return {
    names,
    count: indices.length,
    description: section.source === 'folder' ? `${description} (${indices.length} of ${first.length} sequences)` : description,
    sequences: (name) => sequenceSubset(set.sequences(name), indices),
    close: () => set.close(),
  };
}
