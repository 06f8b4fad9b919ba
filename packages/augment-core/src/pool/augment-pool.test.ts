import { afterAll, describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { PIXMIX_CIFAR, replayPixmix } from '../pixmix';
import { Rng } from '../rng';
import { AugmentPool } from './augment-pool';
import { runPixmixBatch, type PixmixBatch } from './pixmix-batch';
import { applyStandard } from '../baselines';
import { DriftingSource } from '../testing/drifting-source';
import { vpixmix, vpixmixConfig, type VpixmixPreset } from '../video';
import { clipStream, prepareVpixmixBatch, runVpixmixBatch } from './vpixmix-batch';

function batch(count: number, size = 16): Omit<PixmixBatch, 'first'> {
  const rng = Rng.seeded('pool-batch');
  const values = count * size * size * 3;
  return {
    width: size,
    height: size,
    count,
    images: Uint8Array.from({ length: values }, () => rng.int(0, 256)),
    mixing: Uint8Array.from({ length: values }, () => rng.int(0, 256)),
    config: PIXMIX_CIFAR,
    seed: Rng.seeded(42).state(),
  };
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('AugmentPool', () => {
  // Each worker loads TypeScript through ts-node (about a second each on a quiet core): share one pool.
  const pool = new AugmentPool({ workers: 2 });
  afterAll(() => pool.close());

  it('gives the same bytes as the in-thread batch (one chunk), however the batch is split and scheduled', async () => {
    const expected = runPixmixBatch({ ...batch(10) });
    const [a, b, c] = await Promise.all([pool.pixmix(batch(10)), pool.pixmix(batch(10)), pool.pixmix({ ...batch(10), count: 10 })]);
    const odd = await pool.pixmix({ ...batch(7), seed: Rng.seeded(42).state() });
    expect(bytes(odd.data).equals(bytes(runPixmixBatch(batch(7)).data))).toBe(true);
    for (const result of [a, b, c]) {
      expect(bytes(result.data).equals(bytes(expected.data))).toBe(true);
      expect(result.samples).toEqual(expected.samples);
    }
    // Each sample's record replays on its own.
    const input = batch(10);
    const size = 16 * 16 * 3;
    const img = { width: 16, height: 16, channels: 3 as const, data: input.images.subarray(3 * size, 4 * size) };
    const pic = { width: 16, height: 16, channels: 3 as const, data: input.mixing.subarray(3 * size, 4 * size) };
    expect(bytes(replayPixmix(img, pic, a.samples[3].record).data).equals(bytes(a.data.subarray(3 * size, 4 * size)))).toBe(true);
  }, 60_000);

  it('stages inputs in reused shared memory: shared inputs as they are, others copied at call time; records on request', async () => {
    const expected = runPixmixBatch(batch(9));
    const input = batch(9);
    const sharedImages = new Uint8Array(new SharedArrayBuffer(input.images.length));
    sharedImages.set(input.images);
    const fromShared = await pool.pixmix({ ...input, images: sharedImages });
    expect(bytes(fromShared.data).equals(bytes(expected.data))).toBe(true);
    // Inputs are copied when the call is made: changing them afterwards changes nothing, over many reuses of the staging buffers.
    // A second batch with other pixels in flight at the same time: each must keep its own staged inputs.
    const other = { ...batch(9), images: batch(9).images.reverse(), mixing: batch(9).mixing.map((v) => 255 - v) };
    const otherExpected = runPixmixBatch(other);
    for (let round = 0; round < 6; round++) {
      const mutable = batch(9);
      const pending = [pool.pixmix(mutable), pool.pixmix(other, { records: false })];
      mutable.images.fill(0);
      mutable.mixing.fill(255);
      const [withRecords, without] = await Promise.all(pending);
      expect(bytes(withRecords.data).equals(bytes(expected.data))).toBe(true);
      expect(withRecords.samples).toEqual(expected.samples);
      expect(bytes(without.data).equals(bytes(otherExpected.data))).toBe(true);
      expect(without.samples).toEqual([]);
    }
  }, 60_000);

  it('applies the standard flip + crop first when asked, and rejects bad batches with typed errors', async () => {
    const result = await pool.pixmix({ ...batch(4), standard: true });
    expect(result.samples.every((s) => s.standard !== undefined)).toBe(true);
    const input = batch(4);
    const size = 16 * 16 * 3;
    const img = { width: 16, height: 16, channels: 3 as const, data: input.images.subarray(0, size) };
    const pic = { width: 16, height: 16, channels: 3 as const, data: input.mixing.subarray(0, size) };
    const standard = result.samples[0].standard;
    if (!standard) throw new Error("expected standard params");
    const cropped = applyStandard(img, standard);
    expect(bytes(replayPixmix(cropped, pic, result.samples[0].record).data).equals(bytes(result.data.subarray(0, size)))).toBe(true);
    await expect(pool.pixmix({ ...batch(4), mixing: new Uint8Array(5) })).rejects.toThrow(AugmentArgumentError);
    await expect(pool.pixmix({ ...batch(4), config: { beta: -1 } })).rejects.toThrow(/beta/);
  }, 60_000);

  it('runs V-PixMix batches: the bytes of vpixmix() on each clip with its forked stream, for every preset', async () => {
    const source = new DriftingSource();
    const shape = { count: 3, frames: 4, width: 12, height: 10 };
    const rng = Rng.seeded('clips');
    const clips = Uint8Array.from({ length: 3 * 4 * 12 * 10 * 3 }, () => rng.int(0, 256));
    const seed = Rng.seeded(9).state();
    const clipSize = 4 * 12 * 10 * 3;
    for (const preset of ['naive', 'single-picture', 'frozen-pixmix', 'fractal-zoom'] as VpixmixPreset[]) {
      const { batch } = prepareVpixmixBatch(clips, shape, source, vpixmixConfig(preset), seed);
      const pooled = await pool.vpixmix(batch);
      const inThread = runVpixmixBatch(prepareVpixmixBatch(clips, shape, source, vpixmixConfig(preset), seed).batch);
      expect(bytes(pooled.data).equals(bytes(inThread.data))).toBe(true);
      for (let i = 0; i < 3; i++) {
        const clip = { frames: 4, width: 12, height: 10, channels: 3 as const, data: clips.subarray(i * clipSize, (i + 1) * clipSize) };
        const direct = vpixmix(clip, source, preset, clipStream(seed, i));
        expect(bytes(direct.clip.data).equals(bytes(pooled.data.subarray(i * clipSize, (i + 1) * clipSize)))).toBe(true);
        expect(pooled.draws[i]).toEqual(direct.record.draws);
      }
    }
  }, 60_000);

  it('writes into a SharedArrayBuffer in place, batch after batch, with the same bytes', async () => {
    const expected = runPixmixBatch({ ...batch(6) });
    const shared = new Float32Array(new SharedArrayBuffer(6 * 16 * 16 * 3 * 4));
    for (let round = 0; round < 2; round++) {
      const result = await pool.pixmix(batch(6), { out: shared });
      expect(result.data).toBe(shared);
      expect(bytes(shared).equals(bytes(expected.data))).toBe(true);
      expect(result.samples).toEqual(expected.samples);
    }
    const plain = new Float32Array(6 * 16 * 16 * 3);
    expect((await pool.pixmix(batch(6), { out: plain })).data).toBe(plain);
    expect(bytes(plain).equals(bytes(expected.data))).toBe(true);
    await expect(pool.pixmix(batch(6), { out: new Float32Array(5) })).rejects.toThrow(/out: needs 4608 values/);
  }, 60_000);
});
