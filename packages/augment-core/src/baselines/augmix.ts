import { AugmentArgumentError } from '../errors';
import { assertImage, type ImageF32, type ImageU8 } from '../image';
import { pixmixOps, type ImageSize, type OpRecord } from '../ops';
import { U8_TO_FLOAT } from '../pixmix';
import type { Rng } from '../rng';
import { applyOpChain } from './autoaugment';

/** AugMix's knobs (the reference's CIFAR defaults: width 3, depth 1..3 at random, severity 3, alpha 1, 9 ops). */
export interface AugmixConfig {
  readonly width: number;
  /** Ops per chain; <= 0 draws 1..3 per chain. */
  readonly depth: number;
  readonly severity: number;
  readonly alpha: number;
  readonly allOps: boolean;
}

export const AUGMIX_CIFAR: AugmixConfig = Object.freeze({ width: 3, depth: -1, severity: 3, alpha: 1, allOps: false });

/** One AugMix view's draws: Dirichlet chain weights, the skip weight m, and each chain's ops. */
export interface AugmixParams {
  readonly weights: readonly number[];
  readonly m: number;
  readonly chains: readonly (readonly OpRecord[])[];
}

function augmixConfig(partial: Partial<AugmixConfig>): AugmixConfig {
  const cfg = { ...AUGMIX_CIFAR, ...partial };
  if (!Number.isInteger(cfg.width) || cfg.width < 1) throw new AugmentArgumentError('width', `must be an integer >= 1, got ${cfg.width}`);
  if (!Number.isInteger(cfg.depth)) throw new AugmentArgumentError('depth', `must be an integer (<= 0 for random 1..3), got ${cfg.depth}`);
  if (!(cfg.severity > 0 && cfg.severity <= 10)) throw new AugmentArgumentError('severity', `must be in (0, 10], got ${cfg.severity}`);
  if (!(cfg.alpha > 0)) throw new AugmentArgumentError('alpha', `must be > 0, got ${cfg.alpha}`);
  return cfg;
}

/** The reference's aug() draws, in order: ws ~ Dirichlet(alpha), m ~ Beta(alpha, alpha), then per chain its depth and ops. */
export function sampleAugmix(rng: Rng, size: ImageSize, config: Partial<AugmixConfig> = {}): AugmixParams {
  const cfg = augmixConfig(config);
  const gammas = Array.from({ length: cfg.width }, () => rng.gamma(cfg.alpha));
  const total = gammas.reduce((s, g) => s + g, 0);
  const weights = gammas.map((g) => Math.fround(g / total));
  const m = Math.fround(rng.beta(cfg.alpha, cfg.alpha));
  const ops = pixmixOps(cfg.allOps);
  const chains = weights.map(() => {
    const depth = cfg.depth > 0 ? cfg.depth : rng.int(1, 4);
    return Array.from({ length: depth }, () => {
      const op = ops[rng.int(0, ops.length)];
      return { op: op.name, params: op.sampleParams(rng, cfg.severity, size) };
    });
  });
  return { weights, m, chains };
}

/** (1 - m) x + m * sum_i w_i chain_i(x), on floats in [0, 1] (the reference mixes preprocessed tensors; the mix is convex so the normalisation commutes). */
export function applyAugmix(image: ImageU8, params: AugmixParams): ImageF32 {
  assertImage(image);
  if (params.weights.length !== params.chains.length) throw new AugmentArgumentError('params', 'needs one weight per chain');
  const n = image.data.length;
  const mix = new Float64Array(n);
  params.chains.forEach((chain, c) => {
    const augmented = applyOpChain(image, chain).data;
    const w = params.weights[c];
    for (let i = 0; i < n; i++) mix[i] += w * U8_TO_FLOAT[augmented[i]];
  });
  const out = new Float32Array(n);
  const { m } = params;
  for (let i = 0; i < n; i++) out[i] = (1 - m) * U8_TO_FLOAT[image.data[i]] + m * mix[i];
  return { width: image.width, height: image.height, channels: 3, data: out };
}

/** The AugMix training triple for the Jensen-Shannon loss: the clean image and two independent AugMix views. */
export function augmix(image: ImageU8, rng: Rng, config: Partial<AugmixConfig> = {}): { clean: ImageF32; views: [ImageF32, ImageF32]; params: [AugmixParams, AugmixParams] } {
  const first = sampleAugmix(rng, image, config);
  const second = sampleAugmix(rng, image, config);
  const clean = new Float32Array(image.data.length);
  for (let i = 0; i < clean.length; i++) clean[i] = U8_TO_FLOAT[image.data[i]];
  return {
    clean: { width: image.width, height: image.height, channels: 3, data: clean },
    views: [applyAugmix(image, first), applyAugmix(image, second)],
    params: [first, second],
  };
}
