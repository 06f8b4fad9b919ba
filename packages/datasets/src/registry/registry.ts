import type { AnyDataset, DatasetKind, DatasetSuite } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { openCifar10, openCifar100 } from '../cifar/cifar';
import { CorruptionSet } from '../companions/corruption-set';
import { PerturbationSet } from '../companions/perturbation-set';
import { companionName, datasetRoot } from '../paths';
import { openMotion, openMotionHeldOut } from '../synthetic/motion';
import { openShapes, openShapesHeldOut } from '../synthetic/shapes';
import { Ucf101Dataset } from '../ucf101/ucf101';
import { defaultOodLength, folderCompanions, noiseCompanions } from './ood';
import type { OpenOptions } from './options';

export interface DatasetEntry {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly summary: string;
  /** Needs files under `datasets/<name>`; false for the embedded synthetic sets. */
  readonly needsFiles: boolean;
  open(options?: OpenOptions): Promise<DatasetSuite>;
}

/** A suite whose splits are built on first use (evaluation never reads the training files). */
function lazySuite<D extends AnyDataset>(
  name: string,
  kind: D['kind'],
  train: () => D,
  test: () => D,
  ood: (test: D) => Record<string, () => D>,
): DatasetSuite<D> {
  let trainSet: D | undefined;
  let testSet: D | undefined;
  let oodSets: Record<string, () => D> | undefined;
  return {
    name,
    kind,
    get train() {
      return (trainSet ??= train());
    },
    get test() {
      return (testSet ??= test());
    },
    get ood() {
      return (oodSets ??= ood(this.test));
    },
  };
}

function noiseAndFolders<D extends AnyDataset>(options: OpenOptions) {
  return (test: D): Record<string, () => D> => {
    const length = options.oodLength ?? defaultOodLength(test);
    const noise = noiseCompanions(test, length) as Record<string, () => D>;
    const folders = test.kind === 'image' ? (folderCompanions(test.width, test.height, options.env) as Record<string, () => D>) : {};
    return { ...noise, ...folders };
  };
}

export const datasetRegistry: readonly DatasetEntry[] = [
  {
    name: 'shapes',
    kind: 'image',
    summary: 'embedded: 10 classes of 32x32 textured shapes (train 10,000 / test 2,000), generated from a seed',
    needsFiles: false,
    async open(options = {}) {
      const o = { seed: options.seed, size: options.size, trainSize: options.trainSize, testSize: options.testSize };
      return lazySuite('shapes', 'image', () => openShapes('train', o), () => openShapes('test', o), (test) => ({
        'held-out': () => openShapesHeldOut({ ...o, length: options.oodLength ?? test.length }),
        ...noiseAndFolders(options)(test),
      }));
    },
  },
  {
    name: 'motion',
    kind: 'clip',
    summary: 'embedded: 10 classes of 8-frame 32x32 clips of a moving object (train 5,000 / test 1,000)',
    needsFiles: false,
    async open(options = {}) {
      const o = { seed: options.seed, size: options.size, frames: options.frames, trainSize: options.trainSize, testSize: options.testSize };
      return lazySuite('motion', 'clip', () => openMotion('train', o), () => openMotion('test', o), (test) => ({
        'held-out': () => openMotionHeldOut({ ...o, length: options.oodLength ?? test.length }),
        ...noiseAndFolders(options)(test),
      }));
    },
  },
  {
    name: 'cifar10',
    kind: 'image',
    summary: 'CIFAR-10 binary version (50,000 / 10,000 32x32 images, 10 classes)',
    needsFiles: true,
    async open(options = {}) {
      return lazySuite('cifar10', 'image', () => openCifar10({ ...options, split: 'train' }), () => openCifar10({ ...options, split: 'test' }), noiseAndFolders(options));
    },
  },
  {
    name: 'cifar100',
    kind: 'image',
    summary: 'CIFAR-100 binary version (50,000 / 10,000 32x32 images, 100 fine / 20 coarse classes)',
    needsFiles: true,
    async open(options = {}) {
      const o = { ...options, labels: options.labels };
      return lazySuite('cifar100', 'image', () => openCifar100({ ...o, split: 'train' }), () => openCifar100({ ...o, split: 'test' }), noiseAndFolders(options));
    },
  },
  {
    name: 'ucf101',
    kind: 'clip',
    summary: 'UCF101 videos with the official splits (101 classes; 16x112x112 clips by default)',
    needsFiles: true,
    async open(options = {}) {
      const o = { root: options.root, env: options.env, fold: options.fold, frames: options.frames, stride: options.stride, size: options.size, cacheDir: options.cacheDir };
      return lazySuite('ucf101', 'clip', () => Ucf101Dataset.open({ ...o, split: 'train' }), () => Ucf101Dataset.open({ ...o, split: 'test' }), noiseAndFolders(options));
    },
  },
];

const extraEntries: DatasetEntry[] = [];

/** Adds a data set to the registry (UCF101 registers itself this way; so can a user's own). */
export function registerDataset(entry: DatasetEntry): void {
  if (allDatasets().some((e) => e.name === entry.name)) throw new DatasetArgumentError('name', `a data set named '${entry.name}' is already registered`);
  extraEntries.push(entry);
}

export function allDatasets(): readonly DatasetEntry[] {
  return [...datasetRegistry, ...extraEntries];
}

export function getDataset(name: string): DatasetEntry {
  const entry = allDatasets().find((e) => e.name === name);
  if (!entry) {
    throw new DatasetArgumentError('dataset', `unknown data set '${name}'; known: ${allDatasets().map((e) => e.name).join(', ')}`);
  }
  return entry;
}

/** Opens data set `name` with its splits and OOD companions. */
export async function openDatasetSuite(name: string, options: OpenOptions = {}): Promise<DatasetSuite> {
  return getDataset(name).open(options);
}

/** The -C set of data set `name` from `datasets/<name>-c` (or `root`). */
export function openCorruptions(name: string, options: { root?: string; env?: NodeJS.ProcessEnv; classNames?: readonly string[] } = {}): CorruptionSet {
  const companion = companionName(name, 'c');
  return CorruptionSet.open(datasetRoot(companion, options), { name: companion, classNames: options.classNames });
}

/** The -P set of data set `name` from `datasets/<name>-p` (or `root`). */
export function openPerturbations(name: string, options: { root?: string; env?: NodeJS.ProcessEnv; classNames?: readonly string[] } = {}): PerturbationSet {
  const companion = companionName(name, 'p');
  return PerturbationSet.open(datasetRoot(companion, options), { name: companion, classNames: options.classNames });
}
