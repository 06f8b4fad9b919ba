import { type ImageF32, type MixingSource, Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { openShapes } from '../synthetic/shapes';
import { openMotion } from '../synthetic/motion';
import { Pipeline } from './pipeline';
import { naivePixmixClipAugmenter, pixmixAugmenter } from './pixmix-augmenter';

/** Mixing pictures: smooth colour ramps, picture i its own colours. */
const ramps: MixingSource = {
  name: 'ramps',
  length: 7,
  picture(index: number, width: number, height: number): ImageF32 {
    const data = new Float32Array(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = ((x + y * (c + 1) + index * 5) % 32) / 31;
    return { width, height, channels: 3, data };
  },
};

async function epochBatches(pipeline: Pipeline, epoch: number): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for await (const batch of pipeline.hostBatches(epoch)) out.push(batch.xs);
  return out;
}

describe('PixMix in the pipeline', () => {
  it('gives the same bytes on this thread and on a worker pool, and changes the images', async () => {
    const shapes = openShapes('train', { trainSize: 24 });
    const inline = new Pipeline(shapes, { batchSize: 8, seed: 4, augment: pixmixAugmenter({ mixing: ramps }) });
    const pooled = new Pipeline(shapes, { batchSize: 8, seed: 4, augment: pixmixAugmenter({ mixing: ramps, pool: 2 }), prefetch: 3 });
    try {
      const a = await epochBatches(inline, 1);
      const b = await epochBatches(pooled, 1);
      expect(b.map((x) => Array.from(x))).toEqual(a.map((x) => Array.from(x)));
      const plain = await epochBatches(new Pipeline(shapes, { batchSize: 8, seed: 4 }), 1);
      expect(Array.from(a[0])).not.toEqual(Array.from(plain[0]));
      const values = a.flatMap((x) => Array.from(x));
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
      const otherSeed = await epochBatches(new Pipeline(shapes, { batchSize: 8, seed: 5, augment: pixmixAugmenter({ mixing: ramps }) }), 1);
      expect(Array.from(otherSeed[0])).not.toEqual(Array.from(a[0]));
    } finally {
      await pooled.close();
    }
  }, 120_000);

  it('PixMixes clips frame by frame (the naive baseline), the same bytes for the same seed', async () => {
    const motion = openMotion('train', { trainSize: 4, frames: 3, size: 16 });
    const pipeline = new Pipeline(motion, { batchSize: 4, seed: 1, augment: naivePixmixClipAugmenter({ mixing: ramps }) });
    const [xs] = await epochBatches(pipeline, 0);
    expect(xs.length).toBe(4 * 3 * 16 * 16 * 3);
    const again = await epochBatches(new Pipeline(motion, { batchSize: 4, seed: 1, augment: naivePixmixClipAugmenter({ mixing: ramps }) }), 0);
    expect(Array.from(again[0])).toEqual(Array.from(xs));
  });

  it('quantises mixing pictures to 8 bits by default, as the reference reads image files', async () => {
    // The same pictures as an 8-bit image file would hold them: the quantised run cannot tell them apart.
    const eightBit: MixingSource = { ...ramps, picture: (index, width, height, rng) => {
      const picture = ramps.picture(index, width, height, rng);
      return { ...picture, data: picture.data.map((v) => Math.round(v * 255) / 255) };
    } };
    const shapes = openShapes('train', { trainSize: 8 });
    const run = (source: MixingSource, quantizeMixing?: boolean) => epochBatches(new Pipeline(shapes, { batchSize: 8, seed: 2, augment: pixmixAugmenter({ mixing: source, quantizeMixing }) }), 0);
    const [quantised] = await run(ramps);
    expect(Array.from((await run(eightBit))[0])).toEqual(Array.from(quantised));
    const [floats] = await run(ramps, false);
    expect(Array.from((await run(eightBit, false))[0])).not.toEqual(Array.from(floats));
  });

  it('refuses clips, naming what to use instead', async () => {
    const augmenter = pixmixAugmenter({ mixing: ramps });
    const clip = { frames: 2, width: 4, height: 4, channels: 3 as const, data: new Uint8Array(96) };
    await expect(augmenter.augment([clip], { samples: [Rng.seeded(0).state()], batch: Rng.seeded(1).state() })).rejects.toThrow(/takes images; for clips use V-PixMix/);
  });
});
