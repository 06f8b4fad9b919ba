import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type Clip,
  type ClipU8,
  type Image,
  Rng,
  clipFrame,
  floatToBytes,
  toUint8,
} from '@vpixmix/augment-core';
import {
  corruptImage,
  getPerturbation,
  getVideoCorruption,
} from '@vpixmix/corruptions';
import {
  type AnyDataset,
  NpyWriter,
  SEVERITIES,
  companionLayout,
  corruptionFileShape,
  perturbationFileShape,
  writeCompanionMeta,
  writeNpy,
} from '@vpixmix/datasets';
import { CountProgress, type LineSink } from '@vpixmix/datasets';

/** Bumped when what a generated set holds changes, so old caches are not reused. */
const GENERATOR_VERSION = 2; // 2: frost pictures at the published mean level, spatter equalizeHist in float32

interface Item {
  data: Uint8Array;
  label: number;
  image?: Image;
  clip?: ClipU8;
}

async function readItems(dataset: AnyDataset): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < dataset.length; i++) {
    if (dataset.kind === 'image') {
      const { image, label } = dataset.item(i);
      const bytes = toUint8(image);
      items.push({ data: bytes.data, label, image: bytes });
    } else {
      const { clip, label } = await dataset.item(i);
      const bytes: ClipU8 = clip.data instanceof Uint8Array ? (clip as ClipU8) : { ...clip, data: floatToBytes(clip.data) };
      items.push({ data: bytes.data, label, clip: bytes });
    }
  }
  return items;
}

/** A short hash naming a generated set: the items (their bytes), what is generated, and how. */
function cacheKey(kind: string, items: readonly Item[], names: readonly string[], seed: number | string, extra: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ kind, names, seed, extra, version: GENERATOR_VERSION, count: items.length }));
  for (const item of items) {
    hash.update(item.data);
    hash.update(String(item.label));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Writes into a temporary folder and renames it into place, so a cache folder is complete or absent. */
async function writeAtomically(folder: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${folder}.tmp-${process.pid}-${Date.now()}`;
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp, { recursive: true });
  try {
    await write(temp);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(temp, folder);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** One corrupted item: an image corruption, or a video corruption (temporal ones included) of a whole clip. */
export function corruptSample(sample: Image | Clip, name: string, severity: number, rng: Rng): Uint8Array {
  if ((sample as Clip).frames === undefined) return corruptImage(sample as Image, name, severity, rng).image.data;
  const corruption = getVideoCorruption(name);
  const clip = sample as Clip;
  return corruption.apply(clip, corruption.sampleParams(rng, severity, clip)).data;
}

/** The stream item `index` of corruption `name` at `severity` draws from, in every generated set. */
export function corruptionStream(seed: number | string, name: string, severity: number, index: number): Rng {
  return Rng.seeded(seed, 'corrupt', name, severity, index);
}

export function perturbationStream(seed: number | string, name: string, index: number): Rng {
  return Rng.seeded(seed, 'perturb', name, index);
}

export interface GenerateOptions {
  /** Names of the corruptions / perturbations to write. */
  names: readonly string[];
  /** Seed of every random draw: item i of corruption c at severity s draws from (seed, c, s, i). */
  seed: number | string;
  /** Where generated sets are kept: <cacheRoot>/<dataset>-c-<hash>/. */
  cacheRoot: string;
  /** Label for folder names and meta.json ('shapes'). */
  datasetName: string;
  /** Anything else that changes the items (how the data set was opened). */
  extra?: unknown;
  log?: LineSink;
}

/**
 * A -C folder for the items of `dataset` (images: the benchmark corruptions; clips: the
 * video corruptions, temporal ones included), every severity 1-5, in the layout the -C reader
 * reads. Generated once and cached by content: a second run (another arm, a resume) reads it.
 */
export async function generatedCorruptions(dataset: AnyDataset, options: GenerateOptions): Promise<string> {
  const items = await readItems(dataset);
  const key = cacheKey('c', items, options.names, options.seed, options.extra);
  const folder = path.join(options.cacheRoot, `${options.datasetName}-c-${key}`);
  if (fs.existsSync(companionLayout.labelsFile(folder))) return folder;
  const frames = dataset.kind === 'clip' ? dataset.frames : undefined;
  const shape = corruptionFileShape(items.length, { width: dataset.width, height: dataset.height, frames });
  const progress = new CountProgress(options.log, `generating ${options.datasetName}-c (${items.length} items):`, options.names.length * SEVERITIES * items.length, 'items');
  await writeAtomically(folder, async (temp) => {
    for (const name of options.names) {
      const writer = new NpyWriter(companionLayout.dataFile(temp, name), 'uint8', shape);
      for (let s = 1; s <= SEVERITIES; s++) {
        items.forEach((item, i) => writer.write(corruptSample(item.image ?? (item.clip as ClipU8), name, s, corruptionStream(options.seed, name, s, i))));
        progress.add(items.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
      writer.close();
    }
    const labels = BigInt64Array.from({ length: items.length * SEVERITIES }, (_, k) => BigInt(items[k % items.length].label));
    writeNpy(companionLayout.labelsFile(temp), { shape: [labels.length], data: labels });
    writeCompanionMeta(temp, {
      kind: 'corruptions',
      dataset: options.datasetName,
      classNames: [...dataset.classNames],
      count: items.length,
      names: [...options.names],
      frames,
      generator: `vpixmix run (generated corruptions v${GENERATOR_VERSION})`,
      seed: options.seed,
    });
  });
  return folder;
}

/**
 * The -P sequence of one item. Images: the perturbation's published sequence. Clips: step s
 * perturbs every frame with step s of the same draw (one stream for all frames), so the
 * clip-level sequence changes only along the perturbation, never between frames.
 */
export function perturbSample(sample: Image | Clip, name: string, rng: Rng): { steps: number; data: Uint8Array } {
  const perturbation = getPerturbation(name);
  if ((sample as Clip).frames === undefined) {
    const sequence = perturbation.sequence(sample as Image, rng);
    return { steps: sequence.frames, data: sequence.data };
  }
  const clip = sample as Clip;
  const perFrame = Array.from({ length: clip.frames }, (_, t) => perturbation.sequence(clipFrame(clip, t), rng.clone()));
  const steps = perFrame[0].frames;
  const frameSize = clip.width * clip.height * 3;
  const data = new Uint8Array(steps * clip.frames * frameSize);
  for (let s = 0; s < steps; s++) {
    for (let t = 0; t < clip.frames; t++) {
      data.set(perFrame[t].data.subarray(s * frameSize, (s + 1) * frameSize), (s * clip.frames + t) * frameSize);
    }
  }
  return { steps, data };
}

/** A -P folder for the items of `dataset`: one sequence per item and perturbation, published lengths. */
export async function generatedPerturbations(dataset: AnyDataset, options: GenerateOptions): Promise<string> {
  const items = await readItems(dataset);
  const key = cacheKey('p', items, options.names, options.seed, options.extra);
  const folder = path.join(options.cacheRoot, `${options.datasetName}-p-${key}`);
  if (fs.existsSync(companionLayout.labelsFile(folder))) return folder;
  const frames = dataset.kind === 'clip' ? dataset.frames : undefined;
  const progress = new CountProgress(options.log, `generating ${options.datasetName}-p (${items.length} sequences):`, options.names.length * items.length, 'sequences');
  const stepsOf: Record<string, number> = {};
  await writeAtomically(folder, async (temp) => {
    for (const name of options.names) {
      let writer: NpyWriter | undefined;
      for (let i = 0; i < items.length; i++) {
        const { steps, data } = perturbSample(items[i].image ?? (items[i].clip as ClipU8), name, perturbationStream(options.seed, name, i));
        writer ??= new NpyWriter(companionLayout.dataFile(temp, name), 'uint8', perturbationFileShape(items.length, steps, { width: dataset.width, height: dataset.height, frames }));
        stepsOf[name] = steps;
        writer.write(data);
        progress.add(1);
        if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      }
      writer?.close();
    }
    writeNpy(companionLayout.labelsFile(temp), { shape: [items.length], data: BigInt64Array.from(items, (item) => BigInt(item.label)) });
    writeCompanionMeta(temp, {
      kind: 'perturbations',
      dataset: options.datasetName,
      classNames: [...dataset.classNames],
      count: items.length,
      names: [...options.names],
      steps: stepsOf,
      frames,
      generator: `vpixmix run (generated perturbations v${GENERATOR_VERSION})`,
      seed: options.seed,
    });
  });
  return folder;
}
