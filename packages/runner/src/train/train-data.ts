import * as tf from '@tensorflow/tfjs-core';
import { type Image, type ImageU8, Rng, type Seed } from '@vpixmix/augment-core';
import { type HostBatch, type Pipeline, writeSample } from '@vpixmix/datasets';
import type { Batch, TrainData } from '@vpixmix/models';
import type { ArmAugmentation } from '../augment/arm-augment';

/**
 * Batches `from`.. of one epoch, `prefetch` ahead. Batch b of epoch e depends only on (seed,
 * e, b) — the pipeline's promise — so a resumed run sees exactly the batches the
 * uninterrupted one saw, with no state to checkpoint.
 */
async function* hostBatches(pipeline: Pipeline, epoch: number, from: number, prefetch: number): AsyncGenerator<HostBatch> {
  const order = pipeline.order(epoch);
  const pending: Promise<HostBatch>[] = [];
  let next = from;
  const launch = () => {
    while (next < pipeline.batchesPerEpoch && pending.length < prefetch) {
      const batch = pipeline.produceBatch(epoch, next++, order);
      batch.catch(() => undefined); // awaited below
      pending.push(batch);
    }
  };
  launch();
  while (pending.length > 0) {
    const batch = await (pending.shift() as Promise<HostBatch>);
    launch();
    yield batch;
  }
}

/** The training loop's view of a pipeline: tensors made as each batch is taken. */
export function pipelineTrainData(pipeline: Pipeline, prefetch = 2): TrainData {
  return {
    batchesPerEpoch: pipeline.batchesPerEpoch,
    async *batches(epoch, from): AsyncGenerator<Batch> {
      for await (const host of hostBatches(pipeline, epoch, from, prefetch)) {
        yield { x: tf.tensor(host.xs, host.shape as number[], 'float32'), y: tf.tensor2d(host.ys, [host.indices.length, pipeline.numClasses]) };
      }
    },
  };
}

/**
 * AugMix with the Jensen-Shannon term: every batch carries three views of its B images,
 * stacked [clean; view 1; view 2] as the reference concatenates them. `pipeline` must hand
 * out un-augmented items in [0, 1] ('unit' scale); the views are made here from the
 * 8-bit pixels with the sample's own stream (seed, 'augment', epoch, index).
 */
export function augmixTrainData(pipeline: Pipeline, augmentation: ArmAugmentation, seed: Seed): TrainData {
  const views = augmentation.views;
  if (!views) throw new Error('augmixTrainData needs an augmentation with views');
  const [height, width] = pipeline.itemShape;
  const length = height * width * 3;
  return {
    batchesPerEpoch: pipeline.batchesPerEpoch,
    async *batches(epoch, from): AsyncGenerator<Batch> {
      for await (const host of hostBatches(pipeline, epoch, from, 2)) {
        const n = host.indices.length;
        const xs = new Float32Array(3 * n * length);
        for (let i = 0; i < n; i++) {
          const data = new Uint8Array(length);
          for (let j = 0; j < length; j++) data[j] = Math.round(host.xs[i * length + j] * 255);
          const image: ImageU8 = { width, height, channels: 3, data };
          const three: Image[] = views(image, Rng.seeded(seed, 'augment', epoch, host.indices[i]));
          three.forEach((view, v) => writeSample(xs, v * n + i, view, length, 'signed', `augmix view ${v}`));
        }
        yield { x: tf.tensor(xs, [3 * n, height, width, 3], 'float32'), y: tf.tensor2d(host.ys, [n, pipeline.numClasses]) };
      }
    },
  };
}
