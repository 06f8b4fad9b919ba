import type { Rng } from '@vpixmix/augment-core';
import { unit32 } from './random-fields';

function logFactorial(k: number): number {
  // Exact sum for small k, Stirling series beyond (error < 1e-15 relative for k >= 30).
  if (k < 30) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

/** Inverse-CDF sampler of Poisson(lambda): cumulative probabilities over the support that matters. */
class PoissonInverse {
  private readonly first: number;
  private readonly cdf: Float64Array;

  constructor(lambda: number) {
    if (lambda === 0) {
      this.first = 0;
      this.cdf = Float64Array.of(1);
      return;
    }
    const spread = 14 * Math.sqrt(lambda) + 12;
    this.first = Math.max(0, Math.floor(lambda - spread));
    const last = Math.ceil(lambda + spread);
    this.cdf = new Float64Array(last - this.first + 1);
    const logLambda = Math.log(lambda);
    let total = 0;
    for (let k = this.first; k <= last; k++) {
      total += Math.exp(k * logLambda - lambda - logFactorial(k));
      this.cdf[k - this.first] = total;
    }
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] /= total;
  }

  sample(u: number): number {
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.first + lo;
  }
}

/**
 * Draws `np.random.poisson(x / 255 * photons) / photons` for every byte x of `src`, with one
 * uniform from `rng` per value (inverse CDF). One table per pixel value, built on first use.
 */
export class ShotNoiseSampler {
  private readonly tables: (PoissonInverse | undefined)[] = new Array(256);

  constructor(readonly photons: number) {}

  sample(src: Uint8Array, rng: Rng, out = new Float64Array(src.length)): Float64Array {
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      let table = this.tables[v];
      if (!table) {
        table = new PoissonInverse((v / 255) * this.photons);
        this.tables[v] = table;
      }
      out[i] = table.sample(unit32(rng)) / this.photons;
    }
    return out;
  }
}

const samplers = new Map<number, ShotNoiseSampler>();

/** A shared sampler per photon count (the tables depend only on it). */
export function shotNoiseSampler(photons: number): ShotNoiseSampler {
  let s = samplers.get(photons);
  if (!s) {
    s = new ShotNoiseSampler(photons);
    samplers.set(photons, s);
  }
  return s;
}
