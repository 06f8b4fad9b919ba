import fs from 'node:fs';
import path from 'node:path';
import { type ClipU8, createClip } from '@vpixmix/augment-core';
import { DecodedClipCache, MediaFileError, readClip } from '@vpixmix/video-io';
import { type ClipDataset, type ClipReadOptions, type LabeledClip, checkIndex } from '../dataset';
import { DatasetArgumentError, DatasetMissingError } from '../errors';
import { type RootOptions, datasetRoot } from '../paths';
import { type ListedVideo, checkFold, listsFolder, readClassInd, readVideoList, ucf101Layout, videosFolder } from './lists';

export interface Ucf101Options extends RootOptions {
  split: 'train' | 'test';
  /** Official split 1, 2 or 3 (default 1). */
  fold?: number;
  /** Frames per clip (default 16). */
  frames?: number;
  /** Output frames between clip frames (default 1). */
  stride?: number;
  /** Side of the square crop (default 112). Frames are decoded at `decodeSize` first. */
  size?: number;
  /** Decoded frame size before cropping (default 171x128 for 112, scaled alike for other sizes: the C3D/R3D recipe). */
  decodeSize?: { width: number; height: number };
  /** Read through video-io's decoded-clip cache in this folder (whole videos are decoded into it: about 12 MB per UCF101 video at 171x128). */
  cacheDir?: string;
  /** ffmpeg decoder threads per read (default 1: many reads run in parallel). */
  threads?: number;
}

/** A video that could not be used, and why. */
export interface SkippedVideo {
  readonly file: string;
  /** 'missing', or video-io's MediaErrorKind ('corrupt', 'not-a-video', ...). */
  readonly kind: string;
  readonly message: string;
}

function defaultDecodeSize(size: number): { width: number; height: number } {
  const height = Math.round((size * 128) / 112);
  return { width: Math.round((height * 171) / 128), height };
}

/**
 * UCF101 clips: the videos of one official train or test list, labels from classInd.txt,
 * T frames of size x size. With an rng (training) the clip starts at a random frame and
 * the crop is random; without, the centre clip and centre crop. A video that is missing or
 * cannot be decoded is skipped, counted in `skipped`, and replaced by the next readable
 * video of the list.
 */
export class Ucf101Dataset implements ClipDataset {
  readonly kind = 'clip';
  readonly name: string;
  readonly length: number;
  readonly numClasses: number;
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly skipped: SkippedVideo[] = [];
  private readonly bad = new Set<number>();
  private readonly cache: DecodedClipCache | undefined;
  private readonly decodeSize: { width: number; height: number };
  private readonly stride: number;
  private readonly threads: number;

  private constructor(
    readonly root: string,
    readonly classNames: readonly string[],
    readonly videos: readonly ListedVideo[],
    readonly files: readonly string[],
    options: Ucf101Options,
  ) {
    const size = options.size ?? 112;
    this.name = `ucf101/${options.split}${options.fold ?? 1}`;
    this.length = videos.length;
    this.numClasses = classNames.length;
    this.frames = options.frames ?? 16;
    this.width = size;
    this.height = size;
    this.stride = options.stride ?? 1;
    this.threads = options.threads ?? 1;
    this.decodeSize = options.decodeSize ?? defaultDecodeSize(size);
    if (this.decodeSize.width < size || this.decodeSize.height < size) {
      throw new DatasetArgumentError('decodeSize', `${this.decodeSize.width}x${this.decodeSize.height} is smaller than the ${size}x${size} crop`);
    }
    for (const [name, value] of [['frames', this.frames], ['stride', this.stride], ['size', size]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new DatasetArgumentError(name, `must be a positive integer, got ${value}`);
    }
    this.cache = options.cacheDir ? new DecodedClipCache({ dir: options.cacheDir }) : undefined;
    files.forEach((file, i) => {
      if (!fs.existsSync(file)) this.markBad(i, 'missing', `${file}: listed in the ${options.split} list but not on disk`);
    });
    if (this.bad.size === this.length) {
      throw new DatasetMissingError(videosFolder(root), `the UCF101 videos as <Class>/<file>.avi (${this.length} listed, none found)`, "Fetch them with 'npx vpixmix datasets download ucf101', or unpack UCF101.rar there; see datasets/ucf101/README.md.");
    }
  }

  static open(options: Ucf101Options): Ucf101Dataset {
    const fold = options.fold ?? 1;
    checkFold(fold);
    if (options.split !== 'train' && options.split !== 'test') throw new DatasetArgumentError('split', `must be 'train' or 'test', got '${options.split}'`);
    const root = datasetRoot('ucf101', options);
    const lists = listsFolder(root);
    const classNames = readClassInd(path.join(lists, ucf101Layout.classInd));
    const listFile = path.join(lists, options.split === 'train' ? ucf101Layout.trainList(fold) : ucf101Layout.testList(fold));
    const videos = readVideoList(listFile, classNames, options.split);
    const folder = videosFolder(root);
    return new Ucf101Dataset(root, classNames, videos, videos.map((v) => path.join(folder, v.relative)), options);
  }

  private markBad(index: number, kind: string, message: string): void {
    if (this.bad.has(index)) return;
    this.bad.add(index);
    this.skipped.push({ file: this.files[index], kind, message });
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.videos[index].label;
  }

  /** Reads one clip of video `index` (no substitution). */
  async readVideo(index: number, options: ClipReadOptions = {}): Promise<ClipU8> {
    checkIndex(this, index);
    const rng = options.rng;
    const clip = await readClip(this.files[index], {
      frames: this.frames,
      stride: this.stride,
      start: rng ? 'random' : 'center',
      rng,
      short: 'loop',
      size: this.decodeSize,
      threads: this.threads,
      cache: this.cache,
    });
    const { width: dw, height: dh } = this.decodeSize;
    const top = rng ? rng.int(0, dh - this.height + 1) : Math.floor((dh - this.height) / 2);
    const left = rng ? rng.int(0, dw - this.width + 1) : Math.floor((dw - this.width) / 2);
    return crop(clip, left, top, this.width, this.height);
  }

  async item(index: number, options: ClipReadOptions = {}): Promise<LabeledClip> {
    checkIndex(this, index);
    for (let step = 0; step < this.length; step++) {
      const k = (index + step) % this.length;
      if (this.bad.has(k)) continue;
      try {
        return { clip: await this.readVideo(k, options), label: this.videos[k].label };
      } catch (error) {
        if (!(error instanceof MediaFileError)) throw error;
        this.markBad(k, error.kind, error.message);
      }
    }
    throw new DatasetMissingError(videosFolder(this.root), 'at least one readable UCF101 video', `all ${this.length} listed videos are missing or unreadable`);
  }
}

/** The `width` x `height` window at (left, top) of every frame. */
function crop(clip: ClipU8, left: number, top: number, width: number, height: number): ClipU8 {
  if (left === 0 && top === 0 && width === clip.width && height === clip.height) return clip;
  const out = new Uint8Array(clip.frames * width * height * 3);
  for (let t = 0; t < clip.frames; t++) {
    for (let y = 0; y < height; y++) {
      const from = ((t * clip.height + top + y) * clip.width + left) * 3;
      out.set(clip.data.subarray(from, from + width * 3), ((t * height + y) * width) * 3);
    }
  }
  return createClip(clip.frames, width, height, out);
}
