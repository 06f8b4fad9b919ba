import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ImageF32, ImageU8, MixingSource, Rng } from '@vpixmix/augment-core';
import { readImageFile } from '@vpixmix/video-io';
import { MixingArgumentError, MixingFolderError, MixingPictureTooSmallError } from '../errors';
import { crop, referencePreprocess, resizeShorterSide, resizeTarget, sampleCrop } from '../preprocess/reference-preprocess';

/** File name endings read as pictures (case-insensitive); anything else in the folder is ignored and counted. */
export const PICTURE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

/** A picture that could not be read, and why (it was left out of the source). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** What a picture smaller than the crop does: stop the load with an error, be skipped, or be upscaled (the reference's behaviour). */
export type TooSmallPolicy = 'error' | 'skip' | 'upscale';

export interface ImageFolderOptions {
  /**
   * The target size the source will mostly be asked for. Pictures are resized at load to
   * what the reference preprocessing resizes them to (shorter side size * 36 / 32) and kept
   * at that size: less memory, and `picture` only crops. Other sizes still work (resized from that).
   */
  size?: number;
  /** Pictures whose shorter side is below the crop size: default 'error'. */
  tooSmall?: TooSmallPolicy;
  /** Look in subfolders too (the reference's ImageFolder layout has one per class). Default true. */
  recursive?: boolean;
  /** Called for each picture that could not be read (it is skipped). */
  onSkip?: (skipped: SkippedFile) => void;
  /** Pictures decoded at once. Default 8. */
  concurrency?: number;
}

/** Mixing pictures from a folder of PNG and JPEG files, held in memory, with the reference's Resize + RandomCrop. */
export class ImageFolderSource implements MixingSource {
  readonly name: string;
  readonly length: number;

  constructor(
    readonly folder: string,
    readonly files: readonly string[],
    private readonly pictures: readonly ImageU8[],
    /** Pictures that could not be read. */
    readonly skipped: readonly SkippedFile[],
    /** Files that are not pictures by their name (left alone). */
    readonly ignored: readonly string[],
    private readonly options: { size?: number; tooSmall: TooSmallPolicy },
  ) {
    this.length = pictures.length;
    this.name = `folder(${folder}, ${pictures.length} pictures${skipped.length > 0 ? `, ${skipped.length} skipped` : ''})`;
  }

  /** The stored picture (resized at load when `size` was given), 8-bit. */
  stored(index: number): ImageU8 {
    return this.pictures[((index % this.length) + this.length) % this.length];
  }

  picture(index: number, width: number, height: number, rng: Rng): ImageF32 {
    const i = ((index % this.length) + this.length) % this.length;
    const image = this.pictures[i];
    const needed = Math.max(width, height);
    if (this.options.tooSmall !== 'upscale' && Math.min(image.width, image.height) < needed) {
      throw new MixingPictureTooSmallError(this.files[i], image, needed);
    }
    const target = resizeTarget(width, height);
    if (Math.min(image.width, image.height) === target) {
      const { top, left } = sampleCrop(rng, image, width, height);
      return crop(image, top, left, width, height);
    }
    return referencePreprocess(image, width, height, rng);
  }
}

async function listFiles(folder: string, recursive: boolean): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (recursive) files.push(...(await listFiles(full, recursive)));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      files.push(full);
    }
  }
  return files;
}

function isPictureName(file: string): boolean {
  return (PICTURE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

async function openFolder(folder: string, recursive: boolean): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(folder);
  } catch {
    throw new MixingFolderError(folder, `${folder}: no such folder; check the path (a folder of PNG or JPEG pictures).`);
  }
  if (!stat.isDirectory()) throw new MixingFolderError(folder, `${folder} is a file, not a folder; pass the folder that holds the pictures.`);
  try {
    return (await listFiles(folder, recursive)).sort();
  } catch (error) {
    throw new MixingFolderError(folder, `${folder} cannot be read (${(error as Error).message}); check its permissions.`);
  }
}

/**
 * Loads every PNG and JPEG under `folder` (sorted by path, so indices are stable) into memory.
 * A picture that cannot be decoded is skipped and reported (`skipped`, `onSkip`); an empty
 * folder, a folder with no readable picture, or (by default) a picture smaller than the
 * target size is a typed error naming the folder or file.
 */
export async function loadImageFolder(folder: string, options: ImageFolderOptions = {}): Promise<ImageFolderSource> {
  const { size, tooSmall = 'error', recursive = true, onSkip, concurrency = 8 } = options;
  if (size !== undefined && !(Number.isInteger(size) && size >= 1)) throw new MixingArgumentError('size', `must be an integer >= 1, got ${size}`);
  if (!['error', 'skip', 'upscale'].includes(tooSmall)) throw new MixingArgumentError('tooSmall', `must be 'error', 'skip' or 'upscale', got '${tooSmall}'`);
  if (tooSmall === 'skip' && size === undefined) {
    throw new MixingArgumentError('tooSmall', "'skip' needs size: which pictures are too small depends on the size they are cropped to");
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new MixingArgumentError('concurrency', `must be an integer >= 1, got ${concurrency}`);
  const all = await openFolder(folder, recursive);
  const candidates = all.filter(isPictureName);
  const ignored = all.filter((file) => !isPictureName(file));
  if (candidates.length === 0) {
    const others = ignored.length === 0 ? 'it is empty' : `it holds ${ignored.length} other file(s): ${ignored.slice(0, 5).map((f) => path.relative(folder, f)).join(', ')}${ignored.length > 5 ? ', ...' : ''}`;
    throw new MixingFolderError(folder, `${folder} has no PNG or JPEG pictures (${PICTURE_EXTENSIONS.join(', ')}); ${others}.`);
  }
  const loaded: (ImageU8 | undefined)[] = new Array(candidates.length);
  const skipped: SkippedFile[] = [];
  const tooSmallFiles: { file: string; image: ImageU8; size: number }[] = [];
  const skip = (file: string, reason: string) => {
    const entry = { file, reason };
    skipped.push(entry);
    onSkip?.(entry);
  };
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const i = next++;
      const file = candidates[i];
      let image: ImageU8;
      try {
        image = await readImageFile(file);
      } catch (error) {
        skip(file, error instanceof Error ? error.message : String(error));
        continue;
      }
      if (size !== undefined && Math.min(image.width, image.height) < size && tooSmall !== 'upscale') {
        if (tooSmall === 'skip') skip(file, `${image.width}x${image.height} is smaller than ${size}px`);
        else tooSmallFiles.push({ file, image, size });
        continue;
      }
      loaded[i] = size === undefined ? image : resizeShorterSide(image, resizeTarget(size, size));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, candidates.length) }, worker));
  if (tooSmallFiles.length > 0) {
    tooSmallFiles.sort((a, b) => a.file.localeCompare(b.file));
    const [first] = tooSmallFiles;
    throw new MixingPictureTooSmallError(first.file, first.image, first.size, tooSmallFiles.length - 1);
  }
  const files = candidates.filter((_, i) => loaded[i] !== undefined);
  if (files.length === 0) {
    throw new MixingFolderError(
      folder,
      `${folder}: none of its ${candidates.length} picture file(s) could be read (first: ${skipped[0]?.reason ?? 'unknown'}); convert them to PNG or JPEG.`,
    );
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  const pictures = loaded.filter((image): image is ImageU8 => image !== undefined);
  return new ImageFolderSource(folder, files, pictures, skipped, ignored, { size, tooSmall });
}
