import { type Clip, type Image, Rng, type RngState } from '@vpixmix/augment-core';

export type Sample = Image | Clip;

/** The random streams a batch's augmentation may draw from (restore with `Rng.fromState`). */
export interface AugmentStreams {
  /** One per sample, keyed by (seed, epoch, dataset index): independent of batch size and order. */
  readonly samples: readonly RngState[];
  /** One for the batch, keyed by (seed, epoch, batch index): for augmenters that fork it per position (the worker pool). */
  readonly batch: RngState;
}

/**
 * Augments samples, drawing only from `streams`, so the result depends on the seed, epoch
 * and position alone, never on which worker ran it or when. Returns one output per input,
 * in order: uint8 or float [0, 1], the same size as the pipeline's items. It may transfer
 * (detach) the buffers it is given: the pipeline hands it copies.
 */
export interface Augmenter {
  readonly name: string;
  augment(samples: readonly Sample[], streams: AugmentStreams): Promise<Sample[]>;
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
      return samples.map((sample, i) => fn(sample, Rng.fromState(streams.samples[i])));
    },
  };
}
