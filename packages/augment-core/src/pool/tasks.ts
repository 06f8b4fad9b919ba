import { runPixmixBatch, type PixmixBatch } from './pixmix-batch';
import { runVpixmixBatch, type VpixmixBatch } from './vpixmix-batch';

/** What a pool worker can run: a pure function of a structured-cloneable payload (one chunk of a batch). */
export interface PoolTask<P, R> {
  run(payload: P): R;
  /** The buffers of a payload / result that may be transferred instead of copied. */
  transferIn(payload: P): ArrayBuffer[];
  transferOut(result: R): ArrayBuffer[];
}

/** Shared memory is shared, not transferred: only plain ArrayBuffers go in a transfer list. */
function transferable(...buffers: ArrayBufferLike[]): ArrayBuffer[] {
  return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/** A chunk as sent to a worker: its part of the batch, optionally where to write (a view of shared memory) and whether records come back. */
export type Chunk<B> = B & { readonly out?: Float32Array; readonly records?: boolean };

export const poolTasks = {
  pixmix: {
    run: (payload: Chunk<PixmixBatch>) => {
      const result = runPixmixBatch(payload, payload.out);
      return payload.records === false ? { data: result.data, samples: [] } : result;
    },
    transferIn: (payload: Chunk<PixmixBatch>) => transferable(payload.images.buffer, payload.mixing.buffer),
    transferOut: (result: ReturnType<typeof runPixmixBatch>) => transferable(result.data.buffer),
  },
  vpixmix: {
    run: (payload: Chunk<VpixmixBatch>) => {
      const result = runVpixmixBatch(payload, payload.out);
      return payload.records === false ? { data: result.data, draws: [] } : result;
    },
    transferIn: (payload: Chunk<VpixmixBatch>) => transferable(payload.clips.buffer, payload.material.buffer),
    transferOut: (result: ReturnType<typeof runVpixmixBatch>) => transferable(result.data.buffer),
  },
} satisfies Record<string, PoolTask<never, unknown>>;

export type PoolTaskName = keyof typeof poolTasks;
