import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClipF32, ImageF32, ImageU8, MixingClipSource, MixingSource, Rng } from '@vpixmix/augment-core';
import { decodePng } from '@vpixmix/video-io';
import { MixingArgumentError, MixingCacheError } from '../errors';
import { crop, referencePreprocess, resizeShorterSide, resizeTarget, sampleCrop } from '../preprocess/reference-preprocess';
import { MANIFEST_FILE, parseManifest, specMismatches, type MixingSetManifest, type MixingSetSpec } from './manifest';

export interface LoadMixingSetOptions {
  /** What the set must be; any difference is a MixingCacheError. A set with more items than `count` is cut to `count`. */
  expect?: Partial<MixingSetSpec>;
  /** Check every file's sha256 against the manifest (default true; it costs little next to decoding). */
  verify?: boolean;
  /** Files read at once. Default 16. */
  concurrency?: number;
}

/**
 * A generated set held in memory. Asked for the size it was made at, it returns the stored
 * pictures as they are; asked for another size, it applies the reference preprocessing
 * (Resize(size * 36 / 32) + RandomCrop) with the rng, as for any folder of pictures.
 */
export class CachedMixingSet implements MixingClipSource {
  readonly name: string;
  readonly length: number;
  readonly frames: number;

  constructor(
    readonly folder: string,
    readonly manifest: MixingSetManifest,
    private readonly items: readonly ImageU8[],
  ) {
    this.length = items.length;
    this.frames = manifest.frames;
    this.name = `${manifest.generator}-set(${folder}, ${items.length})`;
  }

  private frameOf(index: number, t: number): ImageU8 {
    const item = this.items[((index % this.length) + this.length) % this.length];
    const { width, height } = this.manifest;
    const size = width * height * 3;
    return { width, height, channels: 3, data: item.data.subarray(t * size, (t + 1) * size) };
  }

  picture(index: number, width: number, height: number, rng: Rng): ImageF32 {
    const frame = this.frameOf(index, 0);
    if (width === frame.width && height === frame.height) return crop(frame, 0, 0, width, height);
    return referencePreprocess(frame, width, height, rng);
  }

  clip(index: number, frames: number, width: number, height: number, rng: Rng): ClipF32 {
    if (!Number.isInteger(frames) || frames < 1 || frames > this.frames) {
      throw new MixingArgumentError('frames', `this set's items have ${this.frames} frame(s); asked ${frames}`);
    }
    const size = width * height * 3;
    const data = new Float32Array(frames * size);
    const same = width === this.manifest.width && height === this.manifest.height;
    let window: { top: number; left: number } | undefined;
    for (let t = 0; t < frames; t++) {
      let frame = this.frameOf(index, t);
      if (!same) frame = resizeShorterSide(frame, resizeTarget(width, height));
      window ??= same ? { top: 0, left: 0 } : sampleCrop(rng, frame, width, height);
      data.set(crop(frame, window.top, window.left, width, height).data, t * size);
    }
    return { frames, width, height, channels: 3, data };
  }
}

/** Whether `source` is a set whose items are clips (more than one frame each). */
export function hasClips(source: MixingSource): source is CachedMixingSet {
  return source instanceof CachedMixingSet && source.frames > 1;
}

/**
 * Loads a set written by `writeMixingSet` / `vpixmix fractals`: reads and checks the manifest
 * (complete, and matching `expect`), then decodes every PNG, checking its size and sha256.
 * Any problem is a MixingCacheError that names the folder or file and what to do.
 */
export async function loadMixingSet(folder: string, options: LoadMixingSetOptions = {}): Promise<CachedMixingSet> {
  const { expect = {}, verify = true, concurrency = 16 } = options;
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new MixingCacheError(
      folder,
      `${folder} has no ${MANIFEST_FILE}: it is not a set written by \`vpixmix fractals\` (or the folder is wrong). ` +
        'Generate one with `vpixmix fractals --out <folder>`, or load your own pictures as an image folder.',
    );
  }
  const manifest = parseManifest(folder, text);
  if (!manifest.complete) {
    throw new MixingCacheError(
      folder,
      `${folder}: generation stopped after ${manifest.items.length} of ${manifest.count} items; run the same \`vpixmix fractals\` command again to finish it.`,
    );
  }
  if (manifest.items.length !== manifest.count) {
    throw new MixingCacheError(folder, `${folder}/${MANIFEST_FILE} lists ${manifest.items.length} items but says count ${manifest.count}; generate the set again.`);
  }
  const mismatches = specMismatches(manifest, expect);
  if (mismatches.length > 0) {
    throw new MixingCacheError(
      folder,
      `${folder} holds a different mixing set than asked: ${mismatches.join('; ')}. ` +
        'Generate the set you want into another folder (or overwrite this one with --force).',
    );
  }
  const count = Math.min(manifest.count, expect.count ?? manifest.count);
  const { width, height, frames } = manifest;
  const items: ImageU8[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const item = manifest.items[i];
      const file = path.join(folder, item.file);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch {
        throw new MixingCacheError(folder, `${file} is missing; the set is incomplete, generate it again (the same command rewrites what is missing).`);
      }
      if (verify && createHash('sha256').update(bytes).digest('hex') !== item.sha256) {
        throw new MixingCacheError(folder, `${file} does not match its sha256 in the manifest (changed or damaged); generate the set again.`);
      }
      const image = decodePng(bytes, file);
      if (image.width !== width || image.height !== height * frames) {
        throw new MixingCacheError(folder, `${file} is ${image.width}x${image.height}, the manifest says ${width}x${height * frames}; generate the set again.`);
      }
      items[i] = image;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return new CachedMixingSet(folder, manifest, items);
}
