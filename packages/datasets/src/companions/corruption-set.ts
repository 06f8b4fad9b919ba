import fs from 'node:fs';
import { type ClipU8, type ImageU8, createClip, createImage } from '@vpixmix/augment-core';
import { type ClipDataset, type ImageDataset, checkIndex } from '../dataset';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';
import { NpyFile, readNpyLabels } from '../npy/read';
import { type CompanionMeta, companionLayout, corruptionLayoutText, listCompanionFiles, readCompanionMeta } from './layout';
import { SEVERITIES } from './names';

export interface CompanionOpenOptions {
  /** Name used in the data sets it hands out ('cifar10-c'); default: the folder name. */
  name?: string;
  /** Class names of the in-distribution set (meta.json's win if present). */
  classNames?: readonly string[];
  /** Required item size; checked against every file. */
  width?: number;
  height?: number;
  /** Required frames per clip (clip sets only). */
  frames?: number;
}

export function defaultClassNames(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, i) => `class_${i}`);
}

/** A -C folder: every corruption at every severity, as image or clip data sets. */
export class CorruptionSet {
  readonly kind: 'image' | 'clip';
  /** Items per severity (N). */
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** Frames per clip (clip sets); 1 for image sets. */
  readonly frames: number;
  readonly classNames: readonly string[];
  readonly meta: CompanionMeta | undefined;
  private readonly files = new Map<string, NpyFile>();

  private constructor(
    readonly name: string,
    /** The folder holding the .npy files. */
    readonly folder: string,
    /** Corruption names present, sorted. */
    readonly names: readonly string[],
    readonly labels: Int32Array,
    first: NpyFile,
    options: CompanionOpenOptions,
  ) {
    const shape = first.header.shape;
    this.kind = shape.length === 5 ? 'clip' : 'image';
    this.count = shape[0] / SEVERITIES;
    this.frames = this.kind === 'clip' ? shape[1] : 1;
    this.height = shape[shape.length - 3];
    this.width = shape[shape.length - 2];
    this.meta = readCompanionMeta(folder);
    const numClasses = Math.max(0, ...labels) + 1;
    this.classNames = this.meta?.classNames ?? options.classNames ?? defaultClassNames(numClasses);
    this.files.set(first.path, first);
  }

  /** Opens the -C folder at `root`; throws DatasetMissingError naming the folder and layout if it is absent or empty. */
  static open(root: string, options: CompanionOpenOptions = {}): CorruptionSet {
    if (!fs.existsSync(root)) throw new DatasetMissingError(root, `a corruption set folder: ${corruptionLayoutText}`);
    const { folder, names } = listCompanionFiles(root);
    if (names.length === 0) throw new DatasetMissingError(companionLayout.dataFile(root, '<corruption>'), corruptionLayoutText);
    const first = NpyFile.open(companionLayout.dataFile(folder, names[0]), { dtype: 'uint8', layout: corruptionLayoutText });
    const shape = first.header.shape;
    const rankOk = shape.length === 4 || shape.length === 5;
    const sizeOk =
      rankOk &&
      shape[shape.length - 1] === 3 &&
      shape[0] % SEVERITIES === 0 &&
      (options.height === undefined || shape[shape.length - 3] === options.height) &&
      (options.width === undefined || shape[shape.length - 2] === options.width) &&
      (options.frames === undefined || (shape.length === 5 && shape[1] === options.frames));
    if (!sizeOk) {
      first.close();
      throw new DatasetFormatError(first.path, corruptionLayoutText, `shape (${shape.join(', ')})`);
    }
    const count = shape[0] / SEVERITIES;
    const labelsFile = companionLayout.labelsFile(folder);
    let labels: Int32Array;
    try {
      labels = readNpyLabels(labelsFile);
    } catch (error) {
      first.close();
      throw error;
    }
    if (labels.length === count) {
      const tiled = new Int32Array(count * SEVERITIES);
      for (let s = 0; s < SEVERITIES; s++) tiled.set(labels, s * count);
      labels = tiled;
    } else if (labels.length !== count * SEVERITIES) {
      first.close();
      throw new DatasetFormatError(labelsFile, `${count * SEVERITIES} labels (or ${count}) to match ${first.path}`, `${labels.length}`);
    }
    return new CorruptionSet(options.name ?? folder, folder, names, labels, first, options);
  }

  private file(corruption: string): NpyFile {
    if (!this.names.includes(corruption)) {
      throw new DatasetArgumentError('corruption', `'${corruption}' is not in ${this.folder}; present: ${this.names.join(', ')}`);
    }
    const file = companionLayout.dataFile(this.folder, corruption);
    let npy = this.files.get(file);
    if (!npy) {
      const inner = this.kind === 'clip' ? [this.frames, this.height, this.width, 3] : [this.height, this.width, 3];
      npy = NpyFile.open(file, { dtype: 'uint8', shape: [this.count * SEVERITIES, ...inner], layout: corruptionLayoutText });
      this.files.set(file, npy);
    }
    return npy;
  }

  private rows(corruption: string, severity: number): { npy: NpyFile; offset: number } {
    if (!Number.isInteger(severity) || severity < 1 || severity > SEVERITIES) {
      throw new DatasetArgumentError('severity', `must be an integer in [1, ${SEVERITIES}], got ${severity}`);
    }
    return { npy: this.file(corruption), offset: (severity - 1) * this.count };
  }

  /** Corruption `corruption` at `severity` (1-5) as an image data set of N items. */
  images(corruption: string, severity: number): ImageDataset {
    if (this.kind !== 'image') throw new DatasetArgumentError('kind', `${this.folder} holds clips; use clips()`);
    const { npy, offset } = this.rows(corruption, severity);
    const { labels, width, height, classNames } = this;
    const dataset: ImageDataset = {
      kind: 'image',
      name: `${this.name}/${corruption}/${severity}`,
      length: this.count,
      numClasses: classNames.length,
      classNames,
      width,
      height,
      item(index) {
        checkIndex(dataset, index);
        const image: ImageU8 = createImage(width, height, npy.readRows(offset + index, 1) as Uint8Array);
        return { image, label: labels[offset + index] };
      },
      label(index) {
        checkIndex(dataset, index);
        return labels[offset + index];
      },
    };
    return dataset;
  }

  /** Corruption `corruption` at `severity` (1-5) as a clip data set of N clips. */
  clips(corruption: string, severity: number): ClipDataset {
    if (this.kind !== 'clip') throw new DatasetArgumentError('kind', `${this.folder} holds images; use images()`);
    const { npy, offset } = this.rows(corruption, severity);
    const { labels, width, height, frames, classNames } = this;
    const dataset: ClipDataset = {
      kind: 'clip',
      name: `${this.name}/${corruption}/${severity}`,
      length: this.count,
      numClasses: classNames.length,
      classNames,
      width,
      height,
      frames,
      async item(index) {
        checkIndex(dataset, index);
        const clip: ClipU8 = createClip(frames, width, height, npy.readRows(offset + index, 1) as Uint8Array);
        return { clip, label: labels[offset + index] };
      },
      label(index) {
        checkIndex(dataset, index);
        return labels[offset + index];
      },
    };
    return dataset;
  }

  close(): void {
    for (const npy of this.files.values()) npy.close();
    this.files.clear();
  }
}
