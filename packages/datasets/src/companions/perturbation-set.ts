import fs from 'node:fs';
import { type Clip, type Image, createClip, createImage } from '@vpixmix/augment-core';
import { type DatasetInfo, checkIndex } from '../dataset';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';
import { NpyFile, readNpyLabels } from '../npy/read';
import { type CompanionMeta, companionLayout, listCompanionFiles, perturbationLayoutText, readCompanionMeta } from './layout';
import { type CompanionOpenOptions, defaultClassNames } from './corruption-set';

/** One perturbation sequence: S steps of an image (or of a clip), and its label (-1 if the set has none). */
export interface PerturbationSequence<S extends Image | Clip = Image | Clip> {
  readonly steps: readonly S[];
  readonly label: number;
}

/** The N sequences of one perturbation. */
export interface SequenceDataset extends DatasetInfo {
  readonly kind: 'image' | 'clip';
  /** Steps per sequence (S). */
  readonly steps: number;
  /** Frames per clip for clip sequences; 1 for image sequences. */
  readonly frames: number;
  item(index: number): PerturbationSequence;
  /** -1 when the set has no labels.npy (flip probability needs none). */
  label(index: number): number;
}

/** A -P folder: every perturbation as a set of sequences. */
export class PerturbationSet {
  readonly meta: CompanionMeta | undefined;
  readonly labels: Int32Array | undefined;
  private readonly files = new Map<string, NpyFile>();

  private constructor(
    readonly name: string,
    readonly folder: string,
    /** Perturbation names present, sorted. */
    readonly names: readonly string[],
    private readonly options: CompanionOpenOptions,
  ) {
    this.meta = readCompanionMeta(folder);
    const labelsFile = companionLayout.labelsFile(folder);
    this.labels = fs.existsSync(labelsFile) ? readNpyLabels(labelsFile) : undefined;
  }

  static open(root: string, options: CompanionOpenOptions = {}): PerturbationSet {
    if (!fs.existsSync(root)) throw new DatasetMissingError(root, `a perturbation set folder: ${perturbationLayoutText}`);
    const { folder, names } = listCompanionFiles(root);
    if (names.length === 0) throw new DatasetMissingError(companionLayout.dataFile(root, '<perturbation>'), perturbationLayoutText);
    return new PerturbationSet(options.name ?? folder, folder, names, options);
  }

  private file(perturbation: string): NpyFile {
    if (!this.names.includes(perturbation)) {
      throw new DatasetArgumentError('perturbation', `'${perturbation}' is not in ${this.folder}; present: ${this.names.join(', ')}`);
    }
    const path = companionLayout.dataFile(this.folder, perturbation);
    let npy = this.files.get(path);
    if (!npy) {
      npy = NpyFile.open(path, { dtype: 'uint8', layout: perturbationLayoutText });
      const shape = npy.header.shape;
      const { width, height, frames } = this.options;
      const ok =
        (shape.length === 5 || shape.length === 6) &&
        shape[shape.length - 1] === 3 &&
        (height === undefined || shape[shape.length - 3] === height) &&
        (width === undefined || shape[shape.length - 2] === width) &&
        (frames === undefined || (shape.length === 6 && shape[2] === frames)) &&
        (this.labels === undefined || this.labels.length === shape[0]);
      if (!ok) {
        npy.close();
        const labelsNote = this.labels ? ` with ${this.labels.length} sequences to match labels.npy` : '';
        throw new DatasetFormatError(path, `${perturbationLayoutText}${labelsNote}`, `shape (${shape.join(', ')})`);
      }
      this.files.set(path, npy);
    }
    return npy;
  }

  /** The sequences of `perturbation`. */
  sequences(perturbation: string): SequenceDataset {
    const npy = this.file(perturbation);
    const shape = npy.header.shape;
    const isClip = shape.length === 6;
    const [count, steps] = shape;
    const frames = isClip ? shape[2] : 1;
    const height = shape[shape.length - 3];
    const width = shape[shape.length - 2];
    const labels = this.labels;
    const classNames = this.meta?.classNames ?? this.options.classNames ?? defaultClassNames(labels ? Math.max(0, ...labels) + 1 : 0);
    const stepSize = frames * height * width * 3;
    const dataset: SequenceDataset = {
      kind: isClip ? 'clip' : 'image',
      name: `${this.name}/${perturbation}`,
      length: count,
      numClasses: classNames.length,
      classNames,
      width,
      height,
      steps,
      frames,
      item(index) {
        checkIndex(dataset, index);
        const data = npy.readRows(index, 1) as Uint8Array;
        const out: (Image | Clip)[] = [];
        for (let s = 0; s < steps; s++) {
          const part = data.subarray(s * stepSize, (s + 1) * stepSize);
          out.push(isClip ? createClip(frames, width, height, part) : createImage(width, height, part));
        }
        return { steps: out, label: labels ? labels[index] : -1 };
      },
      label(index) {
        checkIndex(dataset, index);
        return labels ? labels[index] : -1;
      },
    };
    return dataset;
  }

  close(): void {
    for (const npy of this.files.values()) npy.close();
    this.files.clear();
  }
}
