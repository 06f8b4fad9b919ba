import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Seed } from '@vpixmix/augment-core';
import { encodePng, writeFileAtomic } from '@vpixmix/video-io';
import { MixingArgumentError, MixingCacheError } from '../errors';
import { resolveFractalOptions, type FractalOptionsInput } from '../ifs/fractal-generator';
import { makeItemsInParallel } from '../parallel/make-items';
import { maxZoomFrames, resolveZoomOptions } from '../sources/zoom-source';
import { itemMaker, type MadeItem } from './item-maker';
import type { ZoomOptions } from '../zoom/zoom-path';
import {
  canonicalJson,
  itemFile,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  parseManifest,
  specMismatches,
  type ManifestItem,
  type MixingGenerator,
  type MixingSetManifest,
  type MixingSetSpec,
} from './manifest';

export interface WriteMixingSetOptions {
  generator?: MixingGenerator;
  seed?: Seed;
  count: number;
  /** Side of each picture (or width, with `height`). */
  size: number;
  height?: number;
  /** Frames per zoom clip (zoom sets only). Default 16. */
  frames?: number;
  fractal?: FractalOptionsInput;
  zoom?: Partial<ZoomOptions>;
  /** Replace a set of another spec in the folder (default false: that is an error). */
  overwrite?: boolean;
  /** Called after every item with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Items between manifest checkpoints, so an interrupted run resumes where it stopped. Default 64. */
  checkpointEvery?: number;
  /** Worker threads making items (default 1: this thread). The bytes do not depend on it. */
  workers?: number;
}

export interface WriteMixingSetResult {
  manifest: MixingSetManifest;
  /** Items made in this run, and items found done from an earlier (interrupted) run of the same spec. */
  generated: number;
  reused: number;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The resolved spec a set of these options has (what its manifest records and a load checks). */
export function mixingSetSpec(options: WriteMixingSetOptions): MixingSetSpec {
  const { generator = 'ifs', seed = 0, count, size, height = size } = options;
  if (generator !== 'ifs' && generator !== 'zoom') throw new MixingArgumentError('generator', `must be 'ifs' or 'zoom', got '${String(generator)}'`);
  if (!Number.isInteger(count) || count < 1) throw new MixingArgumentError('count', `must be an integer >= 1, got ${count}`);
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new MixingArgumentError('size', `must be an integer in [1, 4096], got ${size}`);
  if (!Number.isInteger(height) || height < 1 || height > 4096) throw new MixingArgumentError('height', `must be an integer in [1, 4096], got ${height}`);
  if (generator === 'ifs') {
    if (options.frames !== undefined && options.frames !== 1) throw new MixingArgumentError('frames', 'only zoom sets have frames');
    return { generator, seed, count, width: size, height, frames: 1, options: resolveFractalOptions(options.fractal) };
  }
  const zoomOptions = resolveZoomOptions(options.zoom);
  const frames = options.frames ?? 16;
  if (!Number.isInteger(frames) || frames < 1 || frames > maxZoomFrames(zoomOptions)) {
    throw new MixingArgumentError('frames', `must be an integer in [1, ${maxZoomFrames(zoomOptions)}], got ${frames}`);
  }
  return { generator, seed, count, width: size, height, frames, options: zoomOptions };
}

async function readExisting(folder: string): Promise<MixingSetManifest | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return parseManifest(folder, text);
}

/** Items of an earlier run whose files are still there with the recorded bytes. */
async function reusableItems(folder: string, manifest: MixingSetManifest): Promise<ManifestItem[]> {
  const kept: ManifestItem[] = [];
  for (const item of manifest.items) {
    try {
      if (sha256(await fs.readFile(path.join(folder, item.file))) !== item.sha256) break;
    } catch {
      break;
    }
    kept.push(item);
  }
  return kept;
}

/**
 * Generates a mixing set into `folder`: one PNG per item (00000.png, ...) and manifest.json
 * (generator, seed, options, and every item's parameters and sha256). A folder that already
 * holds this spec is left as it is; an interrupted run of the same spec resumes; a folder
 * holding another spec is a MixingCacheError unless `overwrite`.
 */
export async function writeMixingSet(folder: string, options: WriteMixingSetOptions): Promise<WriteMixingSetResult> {
  const spec = mixingSetSpec(options);
  const checkpointEvery = options.checkpointEvery ?? 64;
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= 256)) {
    throw new MixingArgumentError('workers', `must be an integer in [1, 256], got ${options.workers}`);
  }
  await fs.mkdir(folder, { recursive: true });
  let items: ManifestItem[] = [];
  const existing = await readExisting(folder);
  if (existing) {
    const sameSpec = canonicalJson({ ...existing, complete: undefined, items: undefined, format: undefined, version: undefined }) === canonicalJson(spec);
    if (sameSpec) {
      items = await reusableItems(folder, existing);
      if (existing.complete && items.length === spec.count) return { manifest: existing, generated: 0, reused: items.length };
    } else if (!options.overwrite) {
      const differences = specMismatches(existing, { ...spec, count: undefined }).concat(existing.count !== spec.count ? [`count: the set has ${existing.count}, asked ${spec.count}`] : []);
      throw new MixingCacheError(
        folder,
        `${folder} already holds a different mixing set (${differences.join('; ')}); choose another folder or overwrite it (overwrite: true / --force).`,
      );
    }
  }
  const reused = items.length;
  const manifest = (complete: boolean): MixingSetManifest => ({ format: MANIFEST_FORMAT, version: MANIFEST_VERSION, ...spec, complete, items });
  const saveManifest = (complete: boolean) => writeFileAtomic(path.join(folder, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest(complete), null, 1)}\n`));
  await saveManifest(false);

  const store = async (i: number, { image, params }: MadeItem) => {
    const bytes = encodePng(image);
    await writeFileAtomic(path.join(folder, itemFile(i)), bytes);
    items.push({ file: itemFile(i), sha256: sha256(bytes), params });
    options.onProgress?.(i + 1, spec.count);
    if ((i + 1) % checkpointEvery === 0) await saveManifest(false);
  };
  const recipe = { spec, fractal: options.fractal, zoom: options.zoom };
  const workers = options.workers ?? 1;
  if (workers > 1 && spec.count - items.length > 1) {
    await makeItemsInParallel(recipe, items.length, spec.count, workers, store);
  } else {
    const make = itemMaker(recipe);
    for (let i = items.length; i < spec.count; i++) await store(i, make(i));
  }
  await saveManifest(true);
  return { manifest: manifest(true), generated: spec.count - reused, reused };
}
