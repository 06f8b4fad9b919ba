import { type Clip, type Image, Rng, type RngState } from '@vpixmix/augment-core';

export type Sample = Image | Clip;

/**
 * Augments samples. `streams[i]` is the generator state sample i must draw from
 * (`Rng.fromState`), so the result depends only on the seed, epoch and index, never on
 * which worker ran it or when. Returns one output per input, in order: uint8 or float
 * [0, 1], the same size as the pipeline's items.
 */
export interface Augmenter {
  readonly name: string;
  augment(samples: readonly Sample[], streams: readonly RngState[]): Promise<Sample[]>;
  /** Frees workers; the pipeline's close() calls it. */
  close?(): Promise<void>;
}

/** A per-sample function `(sample, rng) -> sample` run on the calling thread. */
export type AugmentFn = (sample: Sample, rng: Rng) => Sample;

/** Runs `fn` on this thread: for tests, tiny sets, and evaluation transforms. */
export function inlineAugmenter(fn: AugmentFn, name = 'inline'): Augmenter {
  return {
    name,
    async augment(samples, streams) {
      return samples.map((sample, i) => fn(sample, Rng.fromState(streams[i])));
    },
  };
}
