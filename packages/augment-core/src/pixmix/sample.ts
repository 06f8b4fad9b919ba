import type { ImageSize, OpRecord } from '../ops';
import { pixmixOps } from '../ops';
import type { Rng } from '../rng';
import type { PixmixConfig } from './config';
import { MIXING_NAMES } from './mixings';
import type { PixmixRecord, PixmixRound } from './record';

/** `augment_input`: one op chosen uniformly (np.random.choice), then its own level draws. */
export function sampleAugment(rng: Rng, cfg: PixmixConfig, size: ImageSize): OpRecord {
  const ops = pixmixOps(cfg.allOps);
  const op = ops[rng.int(0, ops.length)];
  return { op: op.name, params: op.sampleParams(rng, cfg.severity, size) };
}

/** `get_ab(beta)`, with the reference's float32 casts. */
export function sampleWeights(rng: Rng, beta: number): { a: number; b: number } {
  if (rng.random() < 0.5) {
    const a = Math.fround(rng.beta(beta, 1));
    const b = Math.fround(rng.beta(1, beta));
    return { a, b };
  }
  const a = Math.fround(1 + Math.fround(rng.beta(1, beta)));
  const b = -Math.fround(rng.beta(1, beta));
  return { a, b };
}

/** What PixMix may draw besides mixings: `ops: false` (V-PixMix's single-picture) drops the base op and augmented partners. */
export interface SampleOptions {
  readonly ops?: boolean;
}

/** One round's draws, in the reference's order: partner, (its op), mixing, then (a, b). Without ops the partner is always the mixing picture (no coin). */
export function sampleRound(rng: Rng, cfg: PixmixConfig, size: ImageSize, options: SampleOptions = {}): PixmixRound {
  const ops = options.ops ?? true;
  const partner = ops && rng.random() < 0.5 ? sampleAugment(rng, cfg, size) : 'mixing';
  const mixing = MIXING_NAMES[rng.int(0, 2)];
  const { a, b } = sampleWeights(rng, cfg.beta);
  return { partner, mixing, a, b };
}

/**
 * Every random decision of one PixMix call, drawn in exactly the reference's order
 * (applying ops draws nothing, so sampling first and applying after changes no draw).
 */
export function samplePixmix(rng: Rng, cfg: PixmixConfig, size: ImageSize, options: SampleOptions = {}): PixmixRecord {
  const ops = options.ops ?? true;
  const base = ops && rng.random() < 0.5 ? sampleAugment(rng, cfg, size) : null;
  const count = rng.int(0, cfg.k + 1);
  const rounds: PixmixRound[] = [];
  for (let r = 0; r < count; r++) rounds.push(sampleRound(rng, cfg, size, options));
  return { base, rounds };
}
