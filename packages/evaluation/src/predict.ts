import * as tf from '@tensorflow/tfjs-core';
import { type AnyDataset, type InputScale, type Sample, writeSample } from '@vpixmix/datasets';
import type { EvaluatedModel } from './model';

/** Logits of a batch of samples, row-major (N x classes). */
export interface Predictions {
  logits: Float32Array;
  labels: Int32Array;
  numClasses: number;
}

function itemShape(sample: Sample): number[] {
  const clip = sample as { frames?: number };
  return clip.frames !== undefined ? [clip.frames, sample.height, sample.width, 3] : [sample.height, sample.width, 3];
}

/** Packs samples into one float batch (scaled for the model, or [0, 1] for attacks) with its shape. */
export function packSamples(samples: readonly Sample[], scale: InputScale): { xs: Float32Array; shape: number[] } {
  const shape = itemShape(samples[0]);
  const length = shape.reduce((a, b) => a * b, 1);
  const xs = new Float32Array(samples.length * length);
  samples.forEach((sample, i) => writeSample(xs, i, sample, length, scale, `evaluation sample ${i}`));
  return { xs, shape: [samples.length, ...shape] };
}

/**
 * Between batches: lets a queued Ctrl-C reach its handler (a batch is synchronous work), then
 * throws the stop reason if `signal` was aborted.
 */
export async function stopBetweenBatches(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}

/** Inference-mode logits of samples in [0, 1] / uint8, `batchSize` at a time; no tensor outlives a batch. Stops between batches on `signal`. */
export async function predictSamples(model: EvaluatedModel, samples: readonly Sample[], batchSize: number, signal?: AbortSignal): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (let start = 0; start < samples.length; start += batchSize) {
    await stopBetweenBatches(signal);
    const { xs, shape } = packSamples(samples.slice(start, start + batchSize), model.scale);
    const logits = tf.tidy(() => model.apply(tf.tensor(xs, shape, 'float32')));
    parts.push((await logits.data()) as Float32Array);
    logits.dispose();
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Reads items start..end of a data set (clips decode asynchronously). */
export async function readSamples(dataset: AnyDataset, start: number, end: number): Promise<{ samples: Sample[]; labels: number[] }> {
  const samples: Sample[] = [];
  const labels: number[] = [];
  for (let i = start; i < end; i++) {
    const item = dataset.kind === 'image' ? dataset.item(i) : await dataset.item(i);
    samples.push('image' in item ? item.image : item.clip);
    labels.push(item.label);
  }
  return { samples, labels };
}

/** Logits of every item of `dataset`, in order, with their labels. `onBatch` gets the items done. */
export async function predictDataset(
  model: EvaluatedModel,
  dataset: AnyDataset,
  batchSize: number,
  onBatch?: (items: number) => void,
  signal?: AbortSignal,
): Promise<Predictions> {
  const numClasses = model.numClasses ?? dataset.numClasses;
  const logits = new Float32Array(dataset.length * numClasses);
  const labels = new Int32Array(dataset.length);
  for (let start = 0; start < dataset.length; start += batchSize) {
    const end = Math.min(dataset.length, start + batchSize);
    const { samples, labels: batchLabels } = await readSamples(dataset, start, end);
    logits.set(await predictSamples(model, samples, batchSize, signal), start * numClasses);
    labels.set(batchLabels, start);
    onBatch?.(end - start);
  }
  return { logits, labels, numClasses };
}
