import { runPixmixBatch, type PixmixBatch } from './pixmix-batch';
import { runVpixmixBatch, type VpixmixBatch } from './vpixmix-batch';

/**
 * What a pool worker can run: a pure function of a structured-cloneable payload. The pool
 * splits a batch into chunks by `split` and joins the chunk results by `join`.
 */
export interface PoolTask<P, R> {
  run(payload: P): R;
  /** The buffers of a payload / result that may be transferred instead of copied. */
  transferIn(payload: P): ArrayBuffer[];
  transferOut(result: R): ArrayBuffer[];
}

export const poolTasks = {
  pixmix: {
    run: (payload: PixmixBatch) => runPixmixBatch(payload),
    transferIn: (payload: PixmixBatch) => [payload.images.buffer as ArrayBuffer, payload.mixing.buffer as ArrayBuffer],
    transferOut: (result: ReturnType<typeof runPixmixBatch>) => [result.data.buffer as ArrayBuffer],
  },
  vpixmix: {
    run: (payload: VpixmixBatch) => runVpixmixBatch(payload),
    transferIn: (payload: VpixmixBatch) => [payload.clips.buffer as ArrayBuffer, payload.material.buffer as ArrayBuffer],
    transferOut: (result: ReturnType<typeof runVpixmixBatch>) => [result.data.buffer as ArrayBuffer],
  },
} satisfies Record<string, PoolTask<never, unknown>>;

export type PoolTaskName = keyof typeof poolTasks;
