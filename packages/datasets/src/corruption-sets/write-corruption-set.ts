import {
  type ClipU8,
} from '@vpixmix/augment-core';
import {
  CORRUPTION_NAMES,
  SEVERITY_LEVELS,
  VIDEO_CORRUPTION_NAMES,
  getCorruption,
  getVideoCorruption,
} from '@vpixmix/corruptions';
import { companionLayout, corruptionFileShape, writeCompanionMeta, type CompanionMeta } from '../companions/layout';
import type { AnyDataset } from '../dataset';
import { writeNpy } from '../npy/write';
import { ChunkPool } from './chunk-pool';
import { CODEC_CORRUPTION_NAMES, bitErrors, h264Crf, isCodecCorruption } from './codec';
import { ItemSource } from './items';
import { itemRng } from './jobs';
import { writeChunkedNpy } from './chunked-file';
import { type WriteSetOptions, type WrittenSet, finishedEarlier, labelArray, resolveCount, resolveWorkers } from './set-options';

export const CORRUPTION_SET_GENERATOR = 'vpixmix corrupt 1';

/** The corruptions a -C set of this kind holds by default: the 15 of CIFAR-10-C, or the 15 video ones plus the 2 codec ones. */
export function defaultCorruptionNames(kind: AnyDataset['kind']): readonly string[] {
  return kind === 'image' ? CORRUPTION_NAMES : [...VIDEO_CORRUPTION_NAMES, ...CODEC_CORRUPTION_NAMES];
}

/** Throws UnknownCorruptionError for a name this kind of data set has no corruption for. */
export function checkCorruptionNames(kind: AnyDataset['kind'], names: readonly string[]): void {
  for (const name of names) {
    if (kind === 'image') getCorruption(name);
    else if (!isCodecCorruption(name)) getVideoCorruption(name);
  }
}

/**
 * Writes the -C companion of `dataset` into `folder` in the layout the -C readers read:
 * `<corruption>.npy` uint8 (5N, H, W, 3) — or (5N, T, H, W, 3) for clips — with severities
 * 1-5 stacked in order, `labels.npy` (5N,) and `meta.json`. Files appear whole or not at all;
 * a rerun keeps the files an interrupted run finished.
 */
export async function writeCorruptionSet(dataset: AnyDataset, folder: string, options: WriteSetOptions = {}): Promise<WrittenSet> {
  const started = Date.now();
  const names = options.names ?? defaultCorruptionNames(dataset.kind);
  checkCorruptionNames(dataset.kind, names);
  const count = resolveCount(dataset, options.limit);
  const seed = options.seed ?? 0;
  const workers = resolveWorkers(options.workers);
  const chunk = options.chunk ?? (dataset.kind === 'image' ? 200 : 16);
  const frames = dataset.kind === 'clip' ? dataset.frames : undefined;
  const item = { width: dataset.width, height: dataset.height, frames };
  const meta: CompanionMeta = {
    kind: 'corruptions',
    dataset: options.datasetName ?? dataset.name,
    classNames: [...dataset.classNames],
    count,
    names: [...names],
    ...(frames === undefined ? {} : { frames }),
    generator: CORRUPTION_SET_GENERATOR,
    seed,
  };
  const source = new ItemSource(dataset, count);
  const shape = corruptionFileShape(count, item);
  const kept = names.filter((name) => !options.overwrite && finishedEarlier(companionLayout.dataFile(folder, name), shape, folder, meta));
  kept.forEach((name) => options.onFile?.(companionLayout.dataFile(folder, name), 'kept'));
  writeCompanionMeta(folder, { ...meta, complete: false });
  const labels = source.labels();
  const tiled: number[] = [];
  for (let s = 0; s < SEVERITY_LEVELS.length; s++) tiled.push(...labels);
  writeNpy(companionLayout.labelsFile(folder), { shape: [tiled.length], data: labelArray(tiled, dataset.numClasses) });

  const todo = names.filter((n) => !kept.includes(n));
  const total = names.length * SEVERITY_LEVELS.length * count;
  let done = kept.length * SEVERITY_LEVELS.length * count;
  options.onProgress?.(done, total);
  const pool = new ChunkPool(todo.some((n) => !isCodecCorruption(n)) ? workers : 0);
  const written: string[] = [];
  try {
    for (const name of todo) {
      const file = companionLayout.dataFile(folder, name);
      const tasks: { severity: number; first: number; n: number }[] = [];
      for (const severity of SEVERITY_LEVELS) for (let first = 0; first < count; first += chunk) tasks.push({ severity, first, n: Math.min(chunk, count - first) });
      await writeChunkedNpy(
        file,
        shape,
        tasks,
        Math.max(1, workers),
        async ({ severity, first, n }) => {
          const data = await source.read(first, n);
          if (isCodecCorruption(name)) return codecChunk(name, data, n, item, severity, (i) => itemRng(seed, 'c', name, severity, first + i));
          const task = dataset.kind === 'image' ? 'corrupt-images' : 'corrupt-clips';
          return pool.run({ task, name, severity, seed, first, count: n, width: item.width, height: item.height, frames: frames ?? 1, data });
        },
        (n) => {
          done += n;
          options.onProgress?.(done, total);
        },
      );
      written.push(file);
      options.onFile?.(file, 'written');
    }
  } finally {
    await pool.close();
  }
  writeCompanionMeta(folder, { ...meta, complete: true });
  return { folder, names, count, written, kept: kept.map((n) => companionLayout.dataFile(folder, n)), seconds: (Date.now() - started) / 1000 };
}

async function codecChunk(
  name: 'h264_crf' | 'bit_errors',
  data: Uint8Array,
  n: number,
  item: { width: number; height: number; frames?: number },
  severity: number,
  rngOf: (i: number) => ReturnType<typeof itemRng>,
): Promise<Uint8Array> {
  const frames = item.frames ?? 1;
  const size = frames * item.width * item.height * 3;
  const clips: ClipU8[] = Array.from({ length: n }, (_, i) => ({ frames, width: item.width, height: item.height, channels: 3, data: data.subarray(i * size, (i + 1) * size) }));
  const out = name === 'h264_crf' ? await h264Crf(clips, severity) : await bitErrors(clips, severity, clips.map((_, i) => rngOf(i)));
  const result = new Uint8Array(data.length);
  out.forEach((c, i) => result.set(c.data, i * size));
  return result;
}
