import { AugmentArgumentError } from '../errors';
import { applyStandard, sampleStandard, type StandardParams } from '../baselines';
import type { ImageU8 } from '../image';
import { pixmix, pixmixConfig, type PixmixConfig, type PixmixRecord } from '../pixmix';
import { Rng, type RngState } from '../rng';

/**
 * A batch for PixMix, packed NHWC: `images` 8-bit, `mixing` one picture per sample
 * (8-bit or float in [0, 1]). Sample i draws from `Rng.fromState(seed).fork('pixmix', first + i)`,
 * so the bytes do not depend on how the batch is split across workers.
 */
export interface PixmixBatch {
  readonly width: number;
  readonly height: number;
  readonly count: number;
  readonly images: Uint8Array;
  readonly mixing: Uint8Array | Float32Array;
  readonly config: Partial<PixmixConfig>;
  readonly seed: RngState;
  /** Index of the first sample in the whole batch (the fork key). */
  readonly first?: number;
  /** Apply the reference's flip + crop (pad 4) before PixMix, as its CIFAR train transform does. */
  readonly standard?: boolean;
}

export interface PixmixBatchSample {
  readonly record: PixmixRecord;
  readonly standard?: StandardParams;
}

export interface PixmixBatchResult {
  /** NHWC float32 in [0, 1]. */
  readonly data: Float32Array;
  readonly samples: PixmixBatchSample[];
}

export function checkPixmixBatch(batch: PixmixBatch): void {
  const { width, height, count } = batch;
  if (!Number.isInteger(count) || count < 0) throw new AugmentArgumentError('count', `must be an integer >= 0, got ${count}`);
  const size = width * height * 3;
  if (batch.images.length !== count * size) {
    throw new AugmentArgumentError('images', `holds ${batch.images.length} values; ${count} images of ${width}x${height}x3 need ${count * size}`);
  }
  if (batch.mixing.length !== count * size) {
    throw new AugmentArgumentError('mixing', `holds ${batch.mixing.length} values; ${count} mixing pictures of ${width}x${height}x3 need ${count * size}`);
  }
  pixmixConfig(batch.config);
}

/** PixMix over a packed batch, in this thread (the worker pool runs exactly this per chunk). */
export function runPixmixBatch(batch: PixmixBatch, out: Float32Array = new Float32Array(batch.images.length)): PixmixBatchResult {
  checkPixmixBatch(batch);
  const { width, height, count } = batch;
  const cfg = pixmixConfig(batch.config);
  const size = width * height * 3;
  const base = Rng.fromState(batch.seed);
  const first = batch.first ?? 0;
  const samples: PixmixBatchSample[] = [];
  for (let i = 0; i < count; i++) {
    const rng = base.fork('pixmix', first + i);
    let image: ImageU8 = { width, height, channels: 3, data: batch.images.subarray(i * size, (i + 1) * size) };
    let standard: StandardParams | undefined;
    if (batch.standard) {
      standard = sampleStandard(rng.fork('standard'), image);
      image = applyStandard(image, standard);
    }
    const mixingPicture = { width, height, channels: 3 as const, data: batch.mixing.subarray(i * size, (i + 1) * size) };
    const { record } = pixmix(image, mixingPicture, cfg, rng, out.subarray(i * size, (i + 1) * size));
    samples.push(standard ? { record, standard } : { record });
  }
  return { data: out, samples };
}
