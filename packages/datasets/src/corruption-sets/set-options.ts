import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Seed } from '@vpixmix/augment-core';
import type { AnyDataset } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { type CompanionMeta, readCompanionMeta } from '../companions/layout';
import { readNpyHeader } from '../npy/read';

export interface WriteSetOptions {
  /** What to write; default: the benchmark list for the data set's kind. */
  names?: readonly string[];
  /** Only the first `limit` items of the data set. */
  limit?: number;
  /** Default 0. Same seed, same bytes. */
  seed?: Seed;
  /** Worker threads (0: this thread). Default: the machine's cores. Speed only, never bytes. */
  workers?: number;
  /** Items per job (default 200 images, 16 clips). */
  chunk?: number;
  /** Rewrite files a previous run finished with the same seed and count (default false: keep them). */
  overwrite?: boolean;
  /** Recorded in meta.json (default: the data set's name). */
  datasetName?: string;
  /** Called after every chunk with items done / total over all names. */
  onProgress?: (done: number, total: number) => void;
  /** Called when a file is finished ('written') or found finished by an earlier run ('kept'). */
  onFile?: (file: string, status: 'written' | 'kept') => void;
}

export interface WrittenSet {
  readonly folder: string;
  readonly names: readonly string[];
  /** Items per severity (-C) or sequences (-P). */
  readonly count: number;
  readonly written: readonly string[];
  readonly kept: readonly string[];
  readonly seconds: number;
}

export function resolveCount(dataset: AnyDataset, limit: number | undefined): number {
  if (limit === undefined) return dataset.length;
  if (!Number.isInteger(limit) || limit < 1) throw new DatasetArgumentError('limit', `must be an integer >= 1, got ${limit}`);
  return Math.min(limit, dataset.length);
}

export function resolveWorkers(workers: number | undefined): number {
  const w = workers ?? availableParallelism();
  if (!Number.isInteger(w) || w < 0) throw new DatasetArgumentError('workers', `must be an integer >= 0, got ${w}`);
  return w;
}

/** The labels of the first `count` items: uint8 as the published archives when they fit, else int32. */
export function labelArray(labels: readonly number[], numClasses: number): Uint8Array | Int32Array {
  return numClasses <= 256 ? Uint8Array.from(labels) : Int32Array.from(labels);
}

/**
 * Whether `file` was finished by an earlier run of the same set (same seed, count and
 * generator in meta.json, and the expected shape), so it can be kept.
 */
export function finishedEarlier(file: string, shape: readonly number[], folder: string, meta: CompanionMeta): boolean {
  if (!fs.existsSync(file)) return false;
  const previous = readCompanionMeta(folder);
  if (!previous || previous.seed !== meta.seed || previous.count !== meta.count || previous.dataset !== meta.dataset || previous.generator !== meta.generator) return false;
  try {
    const header = readNpyHeader(file);
    return header.shape.length === shape.length && header.shape.every((d, i) => d === shape[i]);
  } catch {
    return false;
  }
}
