import { AugmentArgumentError } from './errors';

/** A seed: an integer, or a string hashed to one. */
export type Seed = number | string;

/** The four 32-bit words of a generator's state; `Rng.fromState` restores it exactly. */
export type RngState = readonly [number, number, number, number];

function hashString(text: string): number {
  // FNV-1a, 32-bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seedWord(seed: Seed): number {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isFinite(seed)) throw new AugmentArgumentError('seed', `must be a finite number or a string, got ${seed}`);
  // Keep 53 bits of integer seeds: fold the high part into the low word.
  const high = Math.floor(seed / 2 ** 32);
  return (seed ^ Math.imul(high, 0x9e3779b1)) >>> 0;
}

/** splitmix32: expands one word into well-mixed state words. */
function splitmix32(x: number): [number, number] {
  let z = (x + 0x9e3779b9) >>> 0;
  const next = z;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function stateFrom(words: readonly number[]): [number, number, number, number] {
  let x = 0;
  for (const w of words) x = Math.imul(x ^ w, 0x2c1b3c6d) ^ (w >>> 7);
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    let out;
    [x, out] = splitmix32(x ^ (words[i % words.length] ?? 0));
    state.push(out);
  }
  if (!state.some((w) => w !== 0)) state[0] = 1;
  return state as [number, number, number, number];
}

/**
 * Seeded, splittable random generator (xoshiro128**). Every random draw in vpixmix goes
 * through one of these, so the same seed gives the same bytes.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(state: readonly number[]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w >>> 0);
  }

  /** A generator from a seed; `Rng.seeded(s, k1, k2)` is the stream named by (s, k1, k2). */
  static seeded(seed: Seed, ...keys: Seed[]): Rng {
    return new Rng(stateFrom([seedWord(seed), ...keys.map(seedWord)]));
  }

  static fromState(state: RngState): Rng {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new AugmentArgumentError('state', 'must be four unsigned 32-bit integers (from Rng.state())');
    }
    if (state.every((w) => w === 0)) throw new AugmentArgumentError('state', 'the all-zero state is not valid');
    return new Rng(state);
  }

  /** The four state words, unsigned (the xor steps leave some as negative int32s; the bits are what count). */
  state(): RngState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  clone(): Rng {
    return new Rng(this.state());
  }

  /** An independent stream named by `keys`, derived from the current state without advancing it. */
  fork(...keys: Seed[]): Rng {
    return new Rng(stateFrom([this.s0, this.s1, this.s2, this.s3, ...keys.map(seedWord)]));
  }

  /** An independent stream; advances this generator by one draw. */
  split(): Rng {
    return new Rng(stateFrom([this.nextUint32(), this.s0, this.s1, this.s2, this.s3]));
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Fills `out` with the next out.length draws of `nextUint32()`, in order (the same stream,
   * the state kept in locals): for bulk consumers such as a chaos game.
   */
  fillUint32(out: Uint32Array): Uint32Array {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      const x = Math.imul(s1, 5);
      out[i] = Math.imul((x << 7) | (x >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** Uniform integer in [low, high) — `high` exclusive, as numpy's randint. */
  int(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new AugmentArgumentError('int range', `needs integers low < high, got [${low}, ${high})`);
    }
    return low + Math.floor(this.random() * (high - low));
  }

  /** True with probability p. */
  bool(p = 0.5): boolean {
    return this.random() < p;
  }

  /** Standard normal scaled: mean + std * N(0, 1) (Box-Muller). */
  normal(mean = 0, std = 1): number {
    let u = this.random();
    while (u === 0) u = this.random();
    const v = this.random();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang. */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new AugmentArgumentError('shape', `gamma needs shape > 0, got ${shape}`);
    if (shape < 1) {
      const u = this.random();
      return this.gamma(shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.random();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(a, b) from two gamma draws. */
  beta(a: number, b: number): number {
    if (!(a > 0) || !(b > 0)) throw new AugmentArgumentError('beta', `needs a > 0 and b > 0, got (${a}, ${b})`);
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** One element of `items`, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new AugmentArgumentError('items', 'cannot choose from an empty list');
    return items[this.int(0, items.length)];
  }

  /** Fisher-Yates shuffle, in place; returns `items`. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
