import { AugmentArgumentError } from '../errors';
import { assertImage, type Image, type PixelBuffer } from '../image';
import type { Rng } from '../rng';
import { fillValue } from './pixel-buffers';

export interface CutoutConfig {
  readonly holes: number;
  /** Side of each square hole in pixels (16 for CIFAR in DeVries & Taylor). */
  readonly length: number;
  /** Value in [0, 1] written into the holes; 0.5 is 0 after the 2x - 1 normalisation (the reference masks normalised tensors with 0). */
  readonly fill: number;
}

export const CUTOUT_CIFAR: CutoutConfig = Object.freeze({ holes: 1, length: 16, fill: 0.5 });

/** Hole centres (y, x), each uniform over the image (the hole is clipped at the border). */
export interface CutoutParams {
  readonly centres: readonly (readonly [number, number])[];
  readonly length: number;
  readonly fill: number;
}

export function sampleCutout(rng: Rng, size: { width: number; height: number }, config: Partial<CutoutConfig> = {}): CutoutParams {
  const cfg = { ...CUTOUT_CIFAR, ...config };
  if (!Number.isInteger(cfg.holes) || cfg.holes < 0) throw new AugmentArgumentError('holes', `must be an integer >= 0, got ${cfg.holes}`);
  if (!Number.isInteger(cfg.length) || cfg.length <= 0) throw new AugmentArgumentError('length', `must be an integer > 0, got ${cfg.length}`);
  const centres: [number, number][] = [];
  for (let h = 0; h < cfg.holes; h++) centres.push([rng.int(0, size.height), rng.int(0, size.width)]);
  return { centres, length: cfg.length, fill: cfg.fill };
}

export function applyCutout<D extends PixelBuffer>(image: Image<D>, params: CutoutParams): Image<D> {
  assertImage(image);
  const { width, height } = image;
  const out = image.data.slice() as D;
  const fill = fillValue(image, params.fill);
  const half = Math.floor(params.length / 2);
  for (const [cy, cx] of params.centres) {
    const y1 = Math.max(0, cy - half);
    const y2 = Math.min(height, cy + half);
    const x1 = Math.max(0, cx - half);
    const x2 = Math.min(width, cx + half);
    for (let y = y1; y < y2; y++) out.fill(fill, (y * width + x1) * 3, (y * width + x2) * 3);
  }
  return { width, height, channels: 3, data: out };
}

export function cutout<D extends PixelBuffer>(image: Image<D>, rng: Rng, config: Partial<CutoutConfig> = {}): { image: Image<D>; params: CutoutParams } {
  const params = sampleCutout(rng, image, config);
  return { image: applyCutout(image, params), params };
}
