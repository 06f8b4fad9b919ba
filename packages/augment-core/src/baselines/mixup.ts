import { AugmentArgumentError } from '../errors';
import { assertImage, assertSameSize, type Image, type ImageF32 } from '../image';
import type { Rng } from '../rng';
import { mixLabels } from './labels';
import { toUnit } from './pixel-buffers';

/** Mixup's draw for one batch: one lambda ~ Beta(alpha, alpha) and a partner permutation. */
export interface MixupParams {
  readonly lambda: number;
  readonly partners: readonly number[];
}

export interface MixedBatch {
  readonly images: ImageF32[];
  readonly labels: Float32Array[];
}

/** Zhang et al.'s mixup: lambda ~ Beta(alpha, alpha) (1 when alpha = 0), partners = a random permutation. */
export function sampleMixup(rng: Rng, batchSize: number, alpha = 1): MixupParams {
  if (!(alpha >= 0)) throw new AugmentArgumentError('alpha', `must be >= 0, got ${alpha}`);
  const lambda = alpha > 0 ? rng.beta(alpha, alpha) : 1;
  return { lambda, partners: rng.permutation(batchSize) };
}

export function checkBatch(images: readonly Image[], labels: readonly Float32Array[], partners: readonly number[]): void {
  if (images.length === 0) throw new AugmentArgumentError('images', 'the batch is empty');
  if (labels.length !== images.length) throw new AugmentArgumentError('labels', `has ${labels.length} entries for ${images.length} images`);
  if (partners.length !== images.length || partners.some((p) => !Number.isInteger(p) || p < 0 || p >= images.length)) {
    throw new AugmentArgumentError('partners', `must hold ${images.length} indices into the batch`);
  }
  images.forEach((image, i) => {
    assertImage(image, `images[${i}]`);
    assertSameSize(images[0], image, `images[${i}]`);
  });
}

/** x_i' = lambda x_i + (1 - lambda) x_partner(i), and the same for the soft labels. */
export function applyMixup(images: readonly Image[], labels: readonly Float32Array[], params: MixupParams): MixedBatch {
  checkBatch(images, labels, params.partners);
  const { lambda, partners } = params;
  const out = images.map((image, i) => {
    const other = images[partners[i]];
    const data = new Float32Array(image.data.length);
    for (let j = 0; j < data.length; j++) data[j] = lambda * toUnit(image.data, j) + (1 - lambda) * toUnit(other.data, j);
    return { width: image.width, height: image.height, channels: 3 as const, data };
  });
  return { images: out, labels: labels.map((label, i) => mixLabels(label, labels[partners[i]], lambda)) };
}

export function mixup(images: readonly Image[], labels: readonly Float32Array[], rng: Rng, alpha = 1): MixedBatch & { params: MixupParams } {
  const params = sampleMixup(rng, images.length, alpha);
  return { ...applyMixup(images, labels, params), params };
}
