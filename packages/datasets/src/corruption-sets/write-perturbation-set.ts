import { PERTURBATION_NAMES, getPerturbation } from '@vpixmix/corruptions';
import { companionLayout, perturbationFileShape, writeCompanionMeta, type CompanionMeta } from '../companions/layout';
import type { AnyDataset } from '../dataset';
import { writeNpy } from '../npy/write';
import { ChunkPool } from './chunk-pool';
import { ItemSource } from './items';
import { writeChunkedNpy } from './chunked-file';
import { type WriteSetOptions, type WrittenSet, finishedEarlier, labelArray, resolveCount, resolveWorkers } from './set-options';

export const PERTURBATION_SET_GENERATOR = 'vpixmix corrupt --perturb 1';

/**
 * Writes the -P companion of `dataset` into `folder` in the layout the -P readers read:
 * `<perturbation>.npy` uint8 (N, S, H, W, 3) — (N, S, T, H, W, 3) for clips, step s of a
 * clip being step s applied to each of its frames — `labels.npy` (N,) and `meta.json` with
 * the steps per perturbation. Default: the 10 perturbations of the CIFAR-P evaluation.
 */
export async function writePerturbationSet(dataset: AnyDataset, folder: string, options: WriteSetOptions = {}): Promise<WrittenSet> {
  const started = Date.now();
  const names = options.names ?? PERTURBATION_NAMES;
  const perturbations = names.map((n) => getPerturbation(n));
  const count = resolveCount(dataset, options.limit);
  const seed = options.seed ?? 0;
  const workers = resolveWorkers(options.workers);
  const chunk = options.chunk ?? (dataset.kind === 'image' ? 100 : 4);
  const frames = dataset.kind === 'clip' ? dataset.frames : undefined;
  const item = { width: dataset.width, height: dataset.height, frames };
  const meta: CompanionMeta = {
    kind: 'perturbations',
    dataset: options.datasetName ?? dataset.name,
    classNames: [...dataset.classNames],
    count,
    names: [...names],
    steps: Object.fromEntries(perturbations.map((p) => [p.name, p.frames])),
    noise: perturbations.filter((p) => p.noise).map((p) => p.name),
    ...(frames === undefined ? {} : { frames }),
    generator: PERTURBATION_SET_GENERATOR,
    seed,
  };
  const source = new ItemSource(dataset, count);
  const shapeOf = (steps: number) => perturbationFileShape(count, steps, item);
  const kept = perturbations.filter((p) => !options.overwrite && finishedEarlier(companionLayout.dataFile(folder, p.name), shapeOf(p.frames), folder, meta)).map((p) => p.name);
  kept.forEach((name) => options.onFile?.(companionLayout.dataFile(folder, name), 'kept'));
  writeCompanionMeta(folder, { ...meta, complete: false });
  writeNpy(companionLayout.labelsFile(folder), { shape: [count], data: labelArray(source.labels(), dataset.numClasses) });

  const total = names.length * count;
  let done = kept.length * count;
  options.onProgress?.(done, total);
  const pool = new ChunkPool(workers);
  const written: string[] = [];
  try {
    for (const p of perturbations.filter((x) => !kept.includes(x.name))) {
      const file = companionLayout.dataFile(folder, p.name);
      const tasks: { first: number; n: number }[] = [];
      for (let first = 0; first < count; first += chunk) tasks.push({ first, n: Math.min(chunk, count - first) });
      const task = dataset.kind === 'image' ? 'perturb-images' : 'perturb-clips';
      await writeChunkedNpy(
        file,
        shapeOf(p.frames),
        tasks,
        Math.max(1, workers),
        async ({ first, n }) =>
          pool.run({ task, name: p.name, severity: 0, seed, first, count: n, width: item.width, height: item.height, frames: frames ?? 1, data: await source.read(first, n) }),
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
