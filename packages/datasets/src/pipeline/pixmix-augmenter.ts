import {
  AugmentPool,
  type ImageF32,
  type MixingSource,
  type PixmixConfig,
  Rng,
  floatToBytes,
  runPixmixBatch,
} from '@vpixmix/augment-core';
import { DatasetArgumentError } from '../errors';
import type { AugmentStreams, Augmenter, Sample } from './augmenter';

export interface PixmixAugmenterOptions {
  /** Where mixing pictures come from (mixing-sets: fractals, a cached set, a folder). */
  mixing: MixingSource;
  /** PixMix's k, beta, severity, allOps (default: the paper's CIFAR recipe). */
  config?: Partial<PixmixConfig>;
  /** The reference's random crop (pad 4) + horizontal flip before PixMix (default true). */
  standard?: boolean;
  /** A worker pool to run on, or a worker count to start one (owned: closed by close()); none runs on this thread. */
  pool?: AugmentPool | number;
  /**
   * Mixing pictures quantised to 8 bits (default true), as the reference's mixing set is image
   * files read by ToTensor (and as V-PixMix's `quantizeMixing`); PixMix then mixes them through
   * 256-entry tables, much faster. false keeps the source's float pictures.
   */
  quantizeMixing?: boolean;
}

/** A batch's mixing pictures: 8-bit (rounded, as an image file of the picture would hold them) or the source's floats. */
function mixingBuffer(length: number, quantize: boolean): { data: Uint8Array | Float32Array; put(picture: Float32Array, at: number): void } {
  if (!quantize) {
    const data = new Float32Array(length);
    return { data, put: (picture, at) => data.set(picture, at) };
  }
  const data = new Uint8Array(length);
  return { data, put: (picture, at) => data.set(floatToBytes(picture), at) };
}

/**
 * PixMix for image batches, on augment-core's worker pool. Sample i's mixing picture is
 * drawn from its own stream (`streams.samples[i]`, as the reference's np.random.choice over
 * the mixing set), its PixMix from the batch stream forked by position (the pool's rule),
 * so the bytes are the same with or without the pool and for any number of workers.
 */
export function pixmixAugmenter(options: PixmixAugmenterOptions): Augmenter {
  const owned = typeof options.pool === 'number';
  const pool = typeof options.pool === 'number' ? new AugmentPool({ workers: options.pool }) : options.pool;
  const { mixing } = options;
  if (!(mixing.length >= 1)) throw new DatasetArgumentError('mixing', `${mixing.name} has no pictures`);
  return {
    name: `pixmix${pool ? ` (${pool.size} workers)` : ''}`,
    async augment(samples: readonly Sample[], streams: AugmentStreams): Promise<Sample[]> {
      if (samples.length === 0) return [];
      const first = samples[0];
      if ('frames' in first) throw new DatasetArgumentError('augment', 'pixmixAugmenter takes images; for clips use V-PixMix');
      const { width, height } = first;
      const size = width * height * 3;
      const images = new Uint8Array(samples.length * size);
      const pictures = mixingBuffer(samples.length * size, options.quantizeMixing ?? true);
      samples.forEach((sample, i) => {
        images.set(sample.data instanceof Uint8Array ? sample.data : floatToBytes(sample.data), i * size);
        const rng = Rng.fromState(streams.samples[i]).fork('mixing');
        const picture: ImageF32 = mixing.picture(rng.int(0, mixing.length), width, height, rng);
        pictures.put(picture.data, i * size);
      });
      const batch = { width, height, count: samples.length, images, mixing: pictures.data, config: options.config ?? {}, seed: streams.batch, standard: options.standard ?? true };
      const { data } = pool ? await pool.pixmix(batch, { records: false }) : runPixmixBatch(batch);
      return samples.map((_, i) => ({ width, height, channels: 3, data: data.subarray(i * size, (i + 1) * size) }) as ImageF32);
    },
    async close() {
      if (owned && pool) await pool.close();
    },
  };
}

/**
 * The naive way to PixMix a clip, kept as the baseline V-PixMix is measured against: every
 * frame PixMixed on its own, with its own mixing picture and its own draws (so structured
 * noise flickers from frame to frame). Frame t of sample i takes mixing stream
 * `fork('mixing', t)` of the sample's stream; all frames of the batch go to the pool as one
 * batch of images.
 */
export function naivePixmixClipAugmenter(options: Omit<PixmixAugmenterOptions, 'standard'>): Augmenter {
  const owned = typeof options.pool === 'number';
  const pool = typeof options.pool === 'number' ? new AugmentPool({ workers: options.pool }) : options.pool;
  const { mixing } = options;
  return {
    name: `naive per-frame pixmix${pool ? ` (${pool.size} workers)` : ''}`,
    async augment(samples: readonly Sample[], streams: AugmentStreams): Promise<Sample[]> {
      if (samples.length === 0) return [];
      const first = samples[0];
      if (!('frames' in first)) throw new DatasetArgumentError('augment', 'naivePixmixClipAugmenter takes clips; for images use pixmixAugmenter');
      const { width, height, frames } = first;
      const size = width * height * 3;
      const count = samples.length * frames;
      const images = new Uint8Array(count * size);
      const pictures = mixingBuffer(count * size, options.quantizeMixing ?? true);
      samples.forEach((sample, i) => {
        images.set(sample.data instanceof Uint8Array ? sample.data : floatToBytes(sample.data), i * frames * size);
        const rng = Rng.fromState(streams.samples[i]);
        for (let t = 0; t < frames; t++) {
          const frameRng = rng.fork('mixing', t);
          pictures.put(mixing.picture(frameRng.int(0, mixing.length), width, height, frameRng).data, (i * frames + t) * size);
        }
      });
      const batch = { width, height, count, images, mixing: pictures.data, config: options.config ?? {}, seed: streams.batch, standard: false };
      const { data } = pool ? await pool.pixmix(batch, { records: false }) : runPixmixBatch(batch);
      const clipSize = frames * size;
      return samples.map((_, i) => ({ frames, width, height, channels: 3, data: data.subarray(i * clipSize, (i + 1) * clipSize) }) as Sample);
    },
    async close() {
      if (owned && pool) await pool.close();
    },
  };
}
