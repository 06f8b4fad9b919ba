import { type Seed, Rng } from '@vpixmix/augment-core';
import { getCorruption, getPerturbation, getVideoCorruption } from '@vpixmix/corruptions';

/**
 * One chunk of work for a -C or -P set: `count` consecutive items (packed uint8, item-major)
 * starting at item index `first`. Every item draws from its own stream, named by the seed,
 * the corruption, the severity and the item's index, so the bytes do not depend on chunking,
 * worker count, order or --limit.
 */
export interface ChunkJob {
  readonly task: 'corrupt-images' | 'corrupt-clips' | 'perturb-images' | 'perturb-clips';
  /** Corruption or perturbation name. */
  readonly name: string;
  /** 1-5 for corruptions; ignored for perturbations. */
  readonly severity: number;
  readonly seed: Seed;
  readonly first: number;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** Frames per clip (1 for images). */
  readonly frames: number;
  readonly data: Uint8Array;
}

/** The stream item `index` draws from. */
export function itemRng(seed: Seed, kind: 'c' | 'p', name: string, severity: number, index: number): Rng {
  return Rng.seeded(seed, kind, name, severity, index);
}

/** Steps of one perturbation sequence (its frame count for images). */
export function perturbationSteps(name: string): number {
  return getPerturbation(name).frames;
}

/** Runs a chunk; returns the corrupted items (C: same layout) or the sequences (P: item x steps x ...). */
export function runChunk(job: ChunkJob): Uint8Array {
  const { width, height, frames } = job;
  const item = width * height * 3 * frames;
  if (job.data.length !== item * job.count) {
    throw new RangeError(`chunk data holds ${job.data.length} bytes, ${job.count} items of ${frames}x${height}x${width}x3 need ${item * job.count}`);
  }
  const at = (i: number) => job.data.subarray(i * item, (i + 1) * item);
  switch (job.task) {
    case 'corrupt-images': {
      const corruption = getCorruption(job.name);
      const out = new Uint8Array(job.data.length);
      for (let i = 0; i < job.count; i++) {
        const image = { width, height, channels: 3 as const, data: at(i) };
        const params = corruption.sampleParams(itemRng(job.seed, 'c', job.name, job.severity, job.first + i), job.severity, image);
        out.set(corruption.apply(image, params).data, i * item);
      }
      return out;
    }
    case 'corrupt-clips': {
      const corruption = getVideoCorruption(job.name);
      const out = new Uint8Array(job.data.length);
      for (let i = 0; i < job.count; i++) {
        const clip = { frames, width, height, channels: 3 as const, data: at(i) };
        const params = corruption.sampleParams(itemRng(job.seed, 'c', job.name, job.severity, job.first + i), job.severity, clip);
        out.set(corruption.apply(clip, params).data, i * item);
      }
      return out;
    }
    case 'perturb-images': {
      const perturbation = getPerturbation(job.name);
      const steps = perturbation.frames;
      const out = new Uint8Array(job.data.length * steps);
      for (let i = 0; i < job.count; i++) {
        const image = { width, height, channels: 3 as const, data: at(i) };
        out.set(perturbation.sequence(image, itemRng(job.seed, 'p', job.name, 0, job.first + i)).data, i * item * steps);
      }
      return out;
    }
    case 'perturb-clips': {
      // Step s of a clip's sequence is step s of the image sequence applied to each of its
      // frames; every frame uses the clip's draws (one spatter layer, one snow layer), except
      // noise, which is fresh per frame as a camera's is.
      const perturbation = getPerturbation(job.name);
      const steps = perturbation.frames;
      const frameSize = width * height * 3;
      const out = new Uint8Array(job.data.length * steps);
      for (let i = 0; i < job.count; i++) {
        const rng = itemRng(job.seed, 'p', job.name, 0, job.first + i);
        const clip = at(i);
        const base = i * item * steps;
        for (let t = 0; t < frames; t++) {
          const frame = { width, height, channels: 3 as const, data: clip.subarray(t * frameSize, (t + 1) * frameSize) };
          const sequence = perturbation.sequence(frame, perturbation.noise ? rng.fork('frame', t) : rng.clone()).data;
          for (let s = 0; s < steps; s++) out.set(sequence.subarray(s * frameSize, (s + 1) * frameSize), base + (s * frames + t) * frameSize);
        }
      }
      return out;
    }
  }
}

/** The buffers of a job that can be transferred to a worker instead of copied. */
export function transferables(job: ChunkJob): ArrayBuffer[] {
  return [job.data.buffer as ArrayBuffer];
}
