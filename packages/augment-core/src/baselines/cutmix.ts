import { AugmentArgumentError } from '../errors';
import type { Image } from '../image';
import type { Rng } from '../rng';
import { mixLabels } from './labels';
import { checkBatch, type MixedBatch } from './mixup';
import { toUnit } from './pixel-buffers';

/** CutMix's draw for one batch: a box pasted from each image's partner, and the label weight it implies. */
export interface CutmixParams {
  /** False when the batch is left alone (probability 1 - prob). */
  readonly applied: boolean;
  readonly partners: readonly number[];
  /** Box [x1, x2) x [y1, y2), clipped to the image. */
  readonly box: readonly [number, number, number, number];
  /** Share of the image that stays its own: 1 - box area / image area (the label weight). */
  readonly lambda: number;
}

/**
 * Yun et al.'s CutMix (the official rand_bbox): lambda ~ Beta(beta, beta), a box of side
 * int(side * sqrt(1 - lambda)) centred uniformly, clipped; lambda recomputed from the clipped box.
 */
export function sampleCutmix(rng: Rng, batchSize: number, size: { width: number; height: number }, beta = 1, prob = 1): CutmixParams {
  if (!(beta > 0)) throw new AugmentArgumentError('beta', `must be > 0, got ${beta}`);
  if (!(prob >= 0 && prob <= 1)) throw new AugmentArgumentError('prob', `must be in [0, 1], got ${prob}`);
  if (!(rng.random() < prob)) return { applied: false, partners: Array.from({ length: batchSize }, (_, i) => i), box: [0, 0, 0, 0], lambda: 1 };
  const drawn = rng.beta(beta, beta);
  const partners = rng.permutation(batchSize);
  const { width, height } = size;
  const cut = Math.sqrt(1 - drawn);
  const cutW = Math.trunc(width * cut);
  const cutH = Math.trunc(height * cut);
  const cx = rng.int(0, width);
  const cy = rng.int(0, height);
  const clip = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const x1 = clip(cx - Math.floor(cutW / 2), width);
  const y1 = clip(cy - Math.floor(cutH / 2), height);
  const x2 = clip(cx + Math.floor(cutW / 2), width);
  const y2 = clip(cy + Math.floor(cutH / 2), height);
  const lambda = 1 - ((x2 - x1) * (y2 - y1)) / (width * height);
  return { applied: true, partners, box: [x1, x2, y1, y2], lambda };
}

/** Pastes each partner's box into the image; soft labels weighted by the pixel shares. */
export function applyCutmix(images: readonly Image[], labels: readonly Float32Array[], params: CutmixParams): MixedBatch {
  checkBatch(images, labels, params.partners);
  const [x1, x2, y1, y2] = params.box;
  const out = images.map((image, i) => {
    const other = images[params.partners[i]];
    const data = new Float32Array(image.data.length);
    for (let j = 0; j < data.length; j++) data[j] = toUnit(image.data, j);
    if (params.applied) {
      for (let y = y1; y < y2; y++) {
        for (let j = (y * image.width + x1) * 3; j < (y * image.width + x2) * 3; j++) data[j] = toUnit(other.data, j);
      }
    }
    return { width: image.width, height: image.height, channels: 3 as const, data };
  });
  return { images: out, labels: labels.map((label, i) => mixLabels(label, labels[params.partners[i]], params.lambda)) };
}

export function cutmix(images: readonly Image[], labels: readonly Float32Array[], rng: Rng, beta = 1, prob = 1): MixedBatch & { params: CutmixParams } {
  const params = sampleCutmix(rng, images.length, images[0] ?? { width: 0, height: 0 }, beta, prob);
  return { ...applyCutmix(images, labels, params), params };
}
