import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { type Clip, type Image, Rng, createImage } from '@vpixmix/augment-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryImageDataset } from '../in-memory';
import { openMotion } from '../synthetic/motion';
import type { AugmentStreams, Augmenter, Sample } from './augmenter';
import { Pipeline } from './pipeline';
import { randomSubset } from './subset';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 23 images of 4x4: item i is filled with value i; label i mod 3. */
function tinyImages(n = 23): InMemoryImageDataset {
  const pixels = new Uint8Array(n * 48);
  for (let i = 0; i < n; i++) pixels.fill(i, i * 48, (i + 1) * 48);
  return new InMemoryImageDataset('tiny', 4, 4, pixels, Int32Array.from({ length: n }, (_, i) => i % 3), ['a', 'b', 'c']);
}

/** Adds a random offset drawn from the sample's stream to every value; records which streams it saw. */
function noisyAdd(sample: Sample, rng: Rng): Sample {
  const shift = rng.int(0, 50);
  const data = Uint8Array.from(sample.data, (v) => Math.min(255, v + shift));
  return { ...sample, data } as Image | Clip;
}

/** The same augmentation, answering after a random delay, out of order: a stand-in for worker timing. */
function jitteryAugmenter(delayRng: Rng): Augmenter {
  return {
    name: 'jittery',
    async augment(samples, streams: AugmentStreams) {
      return Promise.all(
        samples.map(
          (s, i) =>
            new Promise<Sample>((resolve) => setTimeout(() => resolve(noisyAdd(s, Rng.fromState(streams.samples[i]))), delayRng.int(0, 4))),
        ),
      );
    },
  };
}

async function collect(pipeline: Pipeline, epoch: number) {
  const out = [];
  for await (const batch of pipeline.hostBatches(epoch)) out.push(batch);
  return out;
}

describe('Pipeline', () => {
  it('visits every item once per epoch, in a seeded order that changes per epoch', async () => {
    const pipeline = new Pipeline(tinyImages(), { batchSize: 5, seed: 3 });
    expect(pipeline.batchesPerEpoch).toBe(5);
    const e0 = await collect(pipeline, 0);
    const seen = e0.flatMap((b) => Array.from(b.indices));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(e0.map((b) => b.indices.length)).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(Array.from(pipeline.order(0)));
    expect(Array.from(pipeline.order(1))).not.toEqual(Array.from(pipeline.order(0)));
    expect(Array.from(new Pipeline(tinyImages(), { batchSize: 5, seed: 3 }).order(1))).toEqual(Array.from(pipeline.order(1)));
    const dropped = new Pipeline(tinyImages(), { batchSize: 5, seed: 3, dropRemainder: true });
    expect((await collect(dropped, 0)).map((b) => b.indices.length)).toEqual([5, 5, 5, 5]);
    const ordered = new Pipeline(tinyImages(), { batchSize: 10, seed: 3, shuffle: false });
    expect(Array.from((await collect(ordered, 4))[1].indices)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('scales pixels to 2x - 1 (or [0, 1]) and writes one-hot or smoothed targets', async () => {
    const ds = tinyImages();
    const [batch] = await collect(new Pipeline(ds, { batchSize: 4, seed: 1, shuffle: false }), 0);
    expect(batch.shape).toEqual([4, 4, 4, 3]);
    expect(batch.xs[0]).toBeCloseTo(-1);
    expect(batch.xs[3 * 48]).toBeCloseTo((3 * 2) / 255 - 1, 6);
    expect(Array.from(batch.ys.subarray(3, 6))).toEqual([0, 1, 0]);
    expect(Array.from(batch.labels)).toEqual([0, 1, 2, 0]);
    const [unit] = await collect(new Pipeline(ds, { batchSize: 4, seed: 1, shuffle: false, scale: 'unit', labelSmoothing: 0.3 }), 0);
    expect(unit.xs[2 * 48]).toBeCloseTo(2 / 255, 6);
    expect(unit.ys[0]).toBeCloseTo(0.8, 6);
    expect(unit.ys[1]).toBeCloseTo(0.1, 6);
  });

  it('gives the same batches for the same seed whatever the augmenter timing', async () => {
    const ds = tinyImages();
    const inline = await collect(new Pipeline(ds, { batchSize: 4, seed: 9, augment: noisyAdd, prefetch: 1 }), 2);
    const jittery = await collect(new Pipeline(ds, { batchSize: 4, seed: 9, augment: jitteryAugmenter(Rng.seeded(1)), prefetch: 6 }), 2);
    const again = await collect(new Pipeline(ds, { batchSize: 4, seed: 9, augment: jitteryAugmenter(Rng.seeded(2)), prefetch: 3 }), 2);
    expect(jittery.map((b) => Array.from(b.xs))).toEqual(inline.map((b) => Array.from(b.xs)));
    expect(again.map((b) => Array.from(b.xs))).toEqual(inline.map((b) => Array.from(b.xs)));
    const otherSeed = await collect(new Pipeline(ds, { batchSize: 4, seed: 10, augment: noisyAdd }), 2);
    expect(otherSeed.map((b) => Array.from(b.xs))).not.toEqual(inline.map((b) => Array.from(b.xs)));
    // The augmentation of a sample depends on (seed, epoch, index), not on the batch it lands in.
    const bigBatches = await collect(new Pipeline(ds, { batchSize: 23, seed: 9, augment: noisyAdd }), 2);
    const byIndex = (batches: typeof inline) => {
      const map = new Map<number, number>();
      for (const b of batches) b.indices.forEach((index, k) => map.set(index, b.xs[k * 48]));
      return map;
    };
    expect(byIndex(bigBatches)).toEqual(byIndex(inline));
  });

  it('produces batches ahead of the consumer, up to prefetch', async () => {
    const started: number[] = [];
    const ds = tinyImages(40);
    const counting: Augmenter = {
      name: 'counting',
      async augment(samples) {
        started.push(samples.length);
        return [...samples];
      },
    };
    const pipeline = new Pipeline(ds, { batchSize: 4, seed: 0, augment: counting, prefetch: 3 });
    const it = pipeline.hostBatches(0);
    await it.next();
    await new Promise((r) => setTimeout(r, 10));
    expect(started.length).toBe(4); // batch 0 plus 3 ahead
    await it.next();
    await new Promise((r) => setTimeout(r, 10));
    expect(started.length).toBe(5);
  });

  it('yields tensors through tf.data, epoch after epoch, without leaking any', async () => {
    const ds = tinyImages();
    const pipeline = new Pipeline(ds, { batchSize: 8, seed: 5, augment: noisyAdd });
    const before = tf.memory().numTensors;
    const dataset = pipeline.epochs(0);
    for (let epoch = 0; epoch < 3; epoch++) {
      const iterator = await dataset.iterator();
      const seen: number[] = [];
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        const { xs, ys } = r.value;
        expect(xs.shape.slice(1)).toEqual([4, 4, 3]);
        expect(ys.shape).toEqual([xs.shape[0], 3]);
        const values = xs.dataSync();
        expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
        expect(Math.max(...values)).toBeLessThanOrEqual(1);
        seen.push(xs.shape[0]);
        tf.dispose([xs, ys]);
      }
      expect(seen).toEqual([8, 8, 7]);
      expect(tf.memory().numTensors).toBe(before);
    }
    // Stopping after one batch leaves nothing behind either: tensors are made on demand.
    const iterator = await pipeline.epoch(7).iterator();
    const first = await iterator.next();
    tf.dispose(first.value);
    await new Promise((r) => setTimeout(r, 20));
    expect(tf.memory().numTensors).toBe(before);
    const fromEpochs = await (await pipeline.epochs(7).iterator()).next();
    const direct = pipeline.toTensors(await pipeline.produceBatch(7, 0));
    expect(Array.from(fromEpochs.value.xs.dataSync())).toEqual(Array.from(direct.xs.dataSync()));
    tf.dispose([fromEpochs.value, direct]);
  });

  it('batches clips as NDHWC, reading them concurrently', async () => {
    const motion = randomSubset(openMotion('train', { trainSize: 30, frames: 4, size: 16 }), 12, 0);
    const pipeline = new Pipeline(motion, { batchSize: 5, seed: 0, readConcurrency: 3 });
    const batches = await collect(pipeline, 0);
    expect(batches.map((b) => b.shape)).toEqual([
      [5, 4, 16, 16, 3],
      [5, 4, 16, 16, 3],
      [2, 4, 16, 16, 3],
    ]);
    const k = 1;
    const { clip, label } = await motion.item(batches[0].indices[k]);
    expect(batches[0].labels[k]).toBe(label);
    expect(batches[0].xs[k * clip.data.length + 100]).toBeCloseTo((clip.data[100] * 2) / 255 - 1, 6);
  });

  it('rejects bad options and augmentations that change the size, naming them', async () => {
    const ds = tinyImages();
    expect(() => new Pipeline(ds, { batchSize: 0, seed: 0 })).toThrow(/batchSize: must be a positive integer, got 0/);
    expect(() => new Pipeline(ds, { batchSize: 30, seed: 0, dropRemainder: true })).toThrow(/leaves no batch/);
    expect(() => new Pipeline(ds, { batchSize: 2, seed: 0, labelSmoothing: 1 })).toThrow(/labelSmoothing/);
    const shrink = (s: Sample) => createImage(2, 2, s.data.slice(0, 12));
    const pipeline = new Pipeline(ds, { batchSize: 2, seed: 0, augment: shrink });
    await expect(pipeline.produceBatch(0, 0)).rejects.toThrow(/tiny item \d+: the augmentation returned 12 values, the pipeline's items have 48/);
  });
});

describe('Pipeline lookahead across epochs', () => {
  it('starts the next epoch before this one ends, and hands those batches over unchanged', async () => {
    const started: string[] = [];
    const ds = tinyImages(12);
    const recording: Augmenter = {
      name: 'recording',
      async augment(samples, streams) {
        started.push(streams.batch.join());
        return samples.map((s, i) => noisyAdd(s, Rng.fromState(streams.samples[i])));
      },
    };
    const pipeline = new Pipeline(ds, { batchSize: 4, seed: 2, augment: recording, prefetch: 2 });
    const e0 = await collect(pipeline, 0);
    await new Promise((r) => setTimeout(r, 10));
    expect(started.length).toBe(5); // 3 batches of epoch 0 and the first 2 of epoch 1
    const e1 = await collect(pipeline, 1);
    expect(started.length).toBe(8);
    const fresh = await collect(new Pipeline(ds, { batchSize: 4, seed: 2, augment: noisyAdd, crossEpoch: false }), 1);
    expect(e1.map((b) => Array.from(b.xs))).toEqual(fresh.map((b) => Array.from(b.xs)));
    expect(e0).toHaveLength(3);
    expect(pipeline.stats.batches).toBe(6);
    expect(pipeline.stats.startupMs).toBeLessThanOrEqual(pipeline.stats.waitMs);
  });
});
