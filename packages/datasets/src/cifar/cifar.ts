import fs from 'node:fs';
import path from 'node:path';
import type { ImageDataset } from '../dataset';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';
import { InMemoryImageDataset } from '../in-memory';
import { type RootOptions, datasetRoot } from '../paths';
import { CIFAR_SIZE, type CifarBatch, cifarRecordLayout, concatBatches, readCifarBinary } from './binary';
import { cifar100CoarseNames, cifar100FineNames, cifar10ClassNames } from './class-names';

export type Split = 'train' | 'test';

/** The files of the CIFAR binary versions, as their archives unpack. */
export const cifarLayouts = {
  cifar10: {
    archive: 'cifar-10-binary.tar.gz',
    folder: 'cifar-10-batches-bin',
    train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    test: ['test_batch.bin'],
    namesFile: 'batches.meta.txt',
    labelBytes: 1 as const,
    records: { 'data_batch_1.bin': 10000, 'data_batch_2.bin': 10000, 'data_batch_3.bin': 10000, 'data_batch_4.bin': 10000, 'data_batch_5.bin': 10000, 'test_batch.bin': 10000 } as Record<string, number>,
  },
  cifar100: {
    archive: 'cifar-100-binary.tar.gz',
    folder: 'cifar-100-binary',
    train: ['train.bin'],
    test: ['test.bin'],
    namesFile: 'fine_label_names.txt',
    labelBytes: 2 as const,
    records: { 'train.bin': 50000, 'test.bin': 10000 } as Record<string, number>,
  },
};

export type CifarName = keyof typeof cifarLayouts;

/** The folder holding the .bin files: `<root>/<archive folder>`, or `<root>` itself if the files lie there. */
export function cifarFolder(name: CifarName, options: RootOptions = {}): string {
  const root = datasetRoot(name, options);
  const layout = cifarLayouts[name];
  const nested = path.join(root, layout.folder);
  if (!fs.existsSync(nested) && fs.existsSync(path.join(root, layout.test[0]))) return root;
  return nested;
}

function readNames(file: string, fallback: readonly string[]): readonly string[] {
  if (!fs.existsSync(file)) return fallback;
  const names = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (names.length !== fallback.length) {
    throw new DatasetFormatError(file, `${fallback.length} class names, one per line`, `${names.length} names`);
  }
  return names;
}

function checkSplit(split: string): asserts split is Split {
  if (split !== 'train' && split !== 'test') throw new DatasetArgumentError('split', `must be 'train' or 'test', got '${split}'`);
}

function readSplit(name: CifarName, folder: string, split: Split, maxLabel: number): CifarBatch {
  const layout = cifarLayouts[name];
  const files = layout[split].map((f) => path.join(folder, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    throw new DatasetMissingError(
      missing[0],
      `the ${name} ${split} files ${layout[split].join(', ')} in ${folder} (${cifarRecordLayout(layout.labelBytes)})`,
      `Fetch it with 'npx vpixmix datasets download ${name}', or unpack ${layout.archive} into ${path.dirname(folder)} (see datasets/${name}/README.md); 'npx vpixmix datasets verify ${name}' checks it.`,
    );
  }
  return concatBatches(files.map((f) => readCifarBinary(f, layout.labelBytes, maxLabel)));
}

export interface CifarOptions extends RootOptions {
  split: Split;
}

/** CIFAR-10 (binary version), HWC uint8 32x32, labels 0-9. */
export function openCifar10(options: CifarOptions): ImageDataset {
  checkSplit(options.split);
  const folder = cifarFolder('cifar10', options);
  const batch = readSplit('cifar10', folder, options.split, 9);
  const names = readNames(path.join(folder, cifarLayouts.cifar10.namesFile), cifar10ClassNames);
  return new InMemoryImageDataset(`cifar10/${options.split}`, CIFAR_SIZE, CIFAR_SIZE, batch.pixels, batch.labels, names);
}

export interface Cifar100Options extends CifarOptions {
  /** 'fine' (100 classes, the default and the benchmark's) or 'coarse' (20 superclasses). */
  labels?: 'fine' | 'coarse';
}

/** CIFAR-100 (binary version), HWC uint8 32x32, fine labels 0-99 (or coarse 0-19). */
export function openCifar100(options: Cifar100Options): ImageDataset {
  checkSplit(options.split);
  const mode = options.labels ?? 'fine';
  if (mode !== 'fine' && mode !== 'coarse') throw new DatasetArgumentError('labels', `must be 'fine' or 'coarse', got '${mode}'`);
  const folder = cifarFolder('cifar100', options);
  const batch = readSplit('cifar100', folder, options.split, 99);
  if (mode === 'coarse') {
    const names = readNames(path.join(folder, 'coarse_label_names.txt'), cifar100CoarseNames);
    return new InMemoryImageDataset(`cifar100-coarse/${options.split}`, CIFAR_SIZE, CIFAR_SIZE, batch.pixels, batch.coarse ?? new Uint8Array(0), names);
  }
  const names = readNames(path.join(folder, 'fine_label_names.txt'), cifar100FineNames);
  return new InMemoryImageDataset(`cifar100/${options.split}`, CIFAR_SIZE, CIFAR_SIZE, batch.pixels, batch.labels, names);
}
