import path from 'node:path';
import {
  type AnyDataset,
  CorruptionSet,
  PerturbationSet,
  type Sample,
  type SequenceDataset,
  companionName,
  datasetRoot,
  subsetDataset,
  workspaceRoot,
} from '@vpixmix/datasets';
import { EvaluationDataError } from '../errors';
import { type EvaluationData, type EvaluationSettings, defaultCorruptions, defaultPerturbations } from '../settings';
import { evaluationIndices, evaluationSubset } from '../subset';
import type { LineSink } from '@vpixmix/datasets';
import { type GenerateOptions, generatedCorruptions, generatedPerturbations } from './generate-companions';
import { corruptedView, itemBytes, perturbationSteps, perturbedSequence } from './on-the-fly';

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
  /** Sequences per perturbation. */
  count: number;
  description: string;
  /** Steps per sequence of perturbation `name`. */
  steps(name: string): number;
  sequence(name: string, index: number): Promise<{ steps: Sample[]; label: number }>;
  close(): void;
}

/** Generated sets up to this size are written once to the cache and read back; larger ones are computed as read. */
export const cacheLimitBytes = 1 << 30;

export interface CompanionContext {
  /** Generated sets are cached here. */
  cacheRoot: string;
  /** Seed of generated sets' draws (a recipe's seed): the same items for every arm. */
  seed: number | string;
  log?: LineSink;
}

/** The -C / -P folder a `source: folder` section reads: its `folder:` (relative to the workspace) or datasets/<name>-c. */
export function companionFolder(datasetName: string, settings: EvaluationSettings, kind: 'c' | 'p'): string {
  const section = kind === 'c' ? settings.corruptions : settings.consistency;
  if (section.folder) return path.resolve(workspaceRoot, section.folder);
  return datasetRoot(companionName(datasetName, kind));
}

function missingNames(wanted: readonly string[], present: readonly string[], folder: string, what: string): void {
  const missing = wanted.filter((n) => !present.includes(n));
  if (missing.length) {
    throw new EvaluationDataError(
      `${folder} has no ${what} ${missing.join(', ')} (it holds ${present.join(', ') || 'none'}). ` +
        `Name the ones it has in the recipe's evaluation section, or use source: generate.`,
    );
  }
}

/** How generated -C / -P sets are made and cached (the same draws for every arm and run). */
function generateOptions(data: EvaluationData, names: readonly string[], context: CompanionContext): GenerateOptions {
  return { names, seed: context.seed, cacheRoot: context.cacheRoot, datasetName: data.name, extra: data.openOptions, log: context.log };
}

const cachedIn = (count: number, folder: string) => `generated from ${count} test items (cached in ${path.relative(workspaceRoot, folder)})`;

function limitOf(settings: EvaluationSettings, section: { limit?: number }): number | undefined {
  return section.limit ?? settings.limit;
}

export async function openCorruptionSource(settings: EvaluationSettings, data: EvaluationData, context: CompanionContext): Promise<CorruptionSource> {
  const section = settings.corruptions;
  const names = section.names ?? defaultCorruptions(data.kind === 'clip');
  const classNames = data.classNames;
  let set: CorruptionSet;
  let indices: number[];
  let description: string;
  if (section.source === 'folder') {
    const folder = companionFolder(data.name, settings, 'c');
    set = CorruptionSet.open(folder, { name: companionName(data.name, 'c'), classNames, width: data.test.width, height: data.test.height });
    missingNames(names, set.names, folder, 'corruptions');
    indices = evaluationIndices(set.count, limitOf(settings, section), 'corruptions');
    description = `${path.relative(workspaceRoot, folder) || folder} (${indices.length} of ${set.count} items)`;
  } else {
    const items = evaluationSubset(data.test, limitOf(settings, section), 'corruptions');
    if (names.length * 5 * items.length * itemBytes(items) > cacheLimitBytes) {
      return {
        names,
        severities: section.severities,
        count: items.length,
        description: `${items.length} test items, corrupted as they are read (too large to cache)`,
        dataset: (name, severity) => corruptedView(items, name, severity, context.seed),
        close: () => undefined,
      };
    }
    const folder = await generatedCorruptions(items, generateOptions(data, names, context));
    set = CorruptionSet.open(folder, { classNames });
    indices = Array.from({ length: set.count }, (_, i) => i);
    description = cachedIn(items.length, folder);
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

export async function openPerturbationSource(settings: EvaluationSettings, data: EvaluationData, context: CompanionContext): Promise<PerturbationSource> {
  const section = settings.consistency;
  const names = section.names ?? defaultPerturbations();
  if (section.source === 'generate') {
    const items = evaluationSubset(data.test, limitOf(settings, section), 'consistency');
    const bytes = names.reduce((sum, name) => sum + perturbationSteps(name), 0) * items.length * itemBytes(items);
    if (bytes > cacheLimitBytes) {
      return {
        names,
        count: items.length,
        description: `${items.length} test items, perturbed as they are read (too large to cache)`,
        steps: perturbationSteps,
        sequence: (name, index) => perturbedSequence(items, name, index, context.seed),
        close: () => undefined,
      };
    }
    const folder = await generatedPerturbations(items, generateOptions(data, names, context));
    return fromPerturbationSet(PerturbationSet.open(folder, { classNames: data.classNames }), names, undefined, cachedIn(items.length, folder));
  }
  const folder = companionFolder(data.name, settings, 'p');
  const set = PerturbationSet.open(folder, { name: companionName(data.name, 'p'), classNames: data.classNames, width: data.test.width, height: data.test.height });
  missingNames(names, set.names, folder, 'perturbations');
  return fromPerturbationSet(set, names, limitOf(settings, section), path.relative(workspaceRoot, folder) || folder);
}

function fromPerturbationSet(set: PerturbationSet, names: readonly string[], limit: number | undefined, where: string): PerturbationSource {
  const datasets = new Map<string, SequenceDataset>();
  const sequences = (name: string) => {
    let dataset = datasets.get(name);
    if (!dataset) datasets.set(name, (dataset = set.sequences(name)));
    return dataset;
  };
  const total = sequences(names[0]).length;
  const indices = evaluationIndices(total, limit, 'consistency');
  return {
    names,
    count: indices.length,
    description: indices.length < total ? `${where} (${indices.length} of ${total} sequences)` : where,
    steps: (name) => sequences(name).steps,
    async sequence(name, index) {
      const { steps, label } = sequences(name).item(indices[index]);
      return { steps: [...steps], label };
    },
    close: () => set.close(),
  };
}
