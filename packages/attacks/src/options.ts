import { AttackArgumentError } from './errors';

export type AttackNorm = 'linf' | 'l2';

/**
 * Where the eps-ball is centred. 'clean' (default): around the clean input, the standard
 * (Madry et al.) threat model. 'random-start': around the randomly started input, which is
 * what the PixMix reference's PGD does (its in-place `adv_bx += noise` also moves `bx`), so
 * the final perturbation from the clean input can reach 2 eps.
 */
export type ProjectionCentre = 'clean' | 'random-start';

export interface PgdOptions {
  /** Threat model; default 'linf'. */
  norm?: AttackNorm;
  /** Radius of the ball in [0, 1] pixel units; default 2/255 (DESIGN.md's evaluation). */
  eps?: number;
  /** Step length per iteration (L-inf: per coordinate; L2: of the whole step); default 0.5/255. */
  stepSize?: number;
  /** Iterations; default 20. */
  steps?: number;
  /** Start from a uniform draw in the ball (L-inf) or a uniform point of the L2 ball; default true. */
  randomStart?: boolean;
  /** Independent random starts; per example the worst case is kept. Default 1. */
  restarts?: number;
  /** Default 'clean'. */
  projectAround?: ProjectionCentre;
  /** Seed of the random starts: the same seed gives the same adversarial inputs. Default 0. */
  seed?: number;
}

export type ResolvedPgdOptions = Required<PgdOptions>;

/** DESIGN.md's evaluation attack: PGD L-inf, eps 2/255, 20 steps of 0.5/255, uniform random start, around the clean input. */
export const evaluationPgd: ResolvedPgdOptions = {
  norm: 'linf',
  eps: 2 / 255,
  stepSize: 0.5 / 255,
  steps: 20,
  randomStart: true,
  restarts: 1,
  projectAround: 'clean',
  seed: 0,
};

function nonNegative(value: number, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AttackArgumentError(argument, `must be a finite number >= 0; got ${String(value)}.`);
  }
  return value;
}

function integerAtLeast(value: number, min: number, argument: string): number {
  if (!Number.isInteger(value) || value < min) throw new AttackArgumentError(argument, `must be an integer >= ${min}; got ${String(value)}.`);
  return value;
}

export function resolvePgdOptions(options: PgdOptions = {}): ResolvedPgdOptions {
  const resolved = { ...evaluationPgd, ...options };
  if (resolved.norm !== 'linf' && resolved.norm !== 'l2') {
    throw new AttackArgumentError('norm', `must be 'linf' or 'l2'; got '${String(resolved.norm)}'.`);
  }
  if (resolved.projectAround !== 'clean' && resolved.projectAround !== 'random-start') {
    throw new AttackArgumentError('projectAround', `must be 'clean' or 'random-start'; got '${String(resolved.projectAround)}'.`);
  }
  nonNegative(resolved.eps, 'eps');
  nonNegative(resolved.stepSize, 'stepSize');
  integerAtLeast(resolved.steps, 0, 'steps');
  integerAtLeast(resolved.restarts, 1, 'restarts');
  if (!Number.isInteger(resolved.seed)) throw new AttackArgumentError('seed', `must be an integer; got ${String(resolved.seed)}.`);
  return resolved;
}

/** A 32-bit seed for one named random stream of an attack (restart r of batch b, ...). */
export function streamSeed(seed: number, ...keys: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const key of keys) {
    h = Math.imul(h ^ (key >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}
