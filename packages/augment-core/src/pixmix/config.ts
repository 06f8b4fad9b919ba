import { AugmentArgumentError } from '../errors';

/** PixMix's knobs: `k` max rounds, `beta` of the mixing weights, op `severity`, all 13 ops or 9. */
export interface PixmixConfig {
  readonly k: number;
  readonly beta: number;
  readonly severity: number;
  readonly allOps: boolean;
}

/** The paper's CIFAR recipe. */
export const PIXMIX_CIFAR: PixmixConfig = Object.freeze({ k: 4, beta: 3, severity: 3, allOps: true });
/** The paper's ImageNet-size recipe. */
export const PIXMIX_IMAGENET: PixmixConfig = Object.freeze({ k: 4, beta: 4, severity: 1, allOps: true });

const validated = new WeakSet<object>([PIXMIX_CIFAR, PIXMIX_IMAGENET]);

/** Fills defaults (CIFAR) and validates every field; a bad one is a typed error naming it. */
export function pixmixConfig(partial: Partial<PixmixConfig> = {}): PixmixConfig {
  if (validated.has(partial)) return partial as PixmixConfig;
  const cfg = { ...PIXMIX_CIFAR, ...partial };
  if (!Number.isInteger(cfg.k) || cfg.k < 0) {
    throw new AugmentArgumentError('k', `the maximum number of mixing rounds must be an integer >= 0, got ${cfg.k}`);
  }
  if (!(Number.isFinite(cfg.beta) && cfg.beta > 0)) {
    throw new AugmentArgumentError('beta', `must be a finite number > 0 (the Beta distribution's parameter), got ${cfg.beta}`);
  }
  if (!(Number.isFinite(cfg.severity) && cfg.severity > 0 && cfg.severity <= 10)) {
    throw new AugmentArgumentError('severity', `must be in (0, 10] (the reference's level scale), got ${cfg.severity}`);
  }
  if (typeof cfg.allOps !== 'boolean') {
    throw new AugmentArgumentError('allOps', `must be true (13 ops) or false (9 ops), got ${String(cfg.allOps)}`);
  }
  const frozen = Object.freeze(cfg);
  validated.add(frozen);
  return frozen;
}
