import path from 'node:path';
import type { Clip, Image } from '@vpixmix/augment-core';
import { type AnyDataset, type HostBatch, type Sample, createPipeline, subsetDataset } from '@vpixmix/datasets';
import type { ArmAugmentation } from '../augment/arm-augment';
import { writeFigure } from '../report/figures/render';
import { type SampleRow, clipFramesFigure, imageSamplesFigure, writeClipSamplesGif } from '../report/samples-figure';

/** The host batch back as samples in [0, 1] (what the model sees, before 2x - 1). */
function samplesOf(batch: HostBatch): Sample[] {
  const [n, ...item] = batch.shape;
  const size = item.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => {
    const data = new Float32Array(size);
    for (let j = 0; j < size; j++) data[j] = Math.min(1, Math.max(0, (batch.xs[i * size + j] + 1) / 2));
    return item.length === 4
      ? ({ frames: item[0], height: item[1], width: item[2], channels: 3, data } as Clip)
      : ({ height: item[0], width: item[1], channels: 3, data } as Image);
  });
}

/**
 * What each arm trains on: the first training batch of epoch 0 for the same few items,
 * through the real pipeline (per-sample augmentation and batch mixing), one row per arm.
 * Writes figures/augmented-samples.png (and .gif for clips); returns their paths relative
 * to the run folder.
 */
export async function writeAugmentedSamples(
  runDir: string,
  train: AnyDataset,
  arms: readonly { name: string; augmentation: ArmAugmentation }[],
  seed: number,
): Promise<{ png: string; gif?: string }> {
  const count = Math.min(train.kind === 'clip' ? 4 : 8, train.length);
  const items = subsetDataset(train, Array.from({ length: count }, (_, i) => i), `${train.name} samples`);
  const batchOf = async (augmentation?: ArmAugmentation) => {
    const pipeline = createPipeline(items, { batchSize: count, seed, shuffle: false, augment: augmentation?.sample, mixBatch: augmentation?.mixBatch });
    try {
      return samplesOf(await pipeline.produceBatch(0, 0));
    } finally {
      await pipeline.close();
    }
  };
  const rows: SampleRow[] = [{ label: 'original', samples: await batchOf() }];
  for (const arm of arms) rows.push({ label: arm.name, samples: await batchOf(arm.augmentation) });
  const figures = path.join(runDir, 'figures');
  const png = writeFigure(path.join(figures, 'augmented-samples'), train.kind === 'clip' ? clipFramesFigure(rows) : imageSamplesFigure(rows));
  const result: { png: string; gif?: string } = { png: path.relative(runDir, png) };
  if (train.kind === 'clip') {
    const gif = path.join(figures, 'augmented-samples.gif');
    await writeClipSamplesGif(gif, rows);
    result.gif = path.relative(runDir, gif);
  }
  return result;
}
