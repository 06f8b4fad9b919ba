import { availableParallelism } from 'node:os';
import path from 'node:path';
import { AugmentArgumentError } from '../errors';
import { checkPixmixBatch, type PixmixBatch, type PixmixBatchResult } from './pixmix-batch';
import { checkVpixmixBatch, type VpixmixBatch, type VpixmixBatchResult } from './vpixmix-batch';
import { StagingBuffers } from './staging';
import { poolTasks, type PoolTaskName } from './tasks';
import { WorkerPool } from './worker-pool';

export interface PoolCallOptions {
  /** Where the batch's float output goes; a SharedArrayBuffer view is written in place by the workers. */
  readonly out?: Float32Array;
  /** false: no per-sample records come back (`samples` / `draws` empty), which saves copying them between threads (~10% at 32x32). */
  readonly records?: boolean;
}

export interface AugmentPoolOptions {
  /** Worker threads (default: available cores). */
  readonly workers?: number;
}

/**
 * Worker threads that augment batches in parallel. A batch is split into contiguous chunks,
 * one per worker; buffers travel as transferables. Every sample draws from its own stream
 * (forked by its index in the batch), so results are the same bytes for any worker count
 * and any scheduling, and equal to the in-thread `runPixmixBatch`.
 */
export class AugmentPool {
  readonly size: number;
  private readonly pool: WorkerPool;
  private readonly staging = new StagingBuffers();

  constructor(options: AugmentPoolOptions = {}) {
    this.pool = new WorkerPool({ size: options.workers ?? availableParallelism(), module: path.join(__dirname, 'worker.ts'), name: 'vpixmix-augment', label: 'augment' });
    this.size = this.pool.size;
  }

  /**
   * PixMix over a packed NHWC batch (see PixmixBatch); resolves to NHWC float32 and every
   * sample's record. `out` receives the result; a view of a SharedArrayBuffer is written by
   * the workers in place (no copies, no fresh pages: reuse it batch after batch).
   */
  async pixmix(batch: Omit<PixmixBatch, 'first'>, options: PoolCallOptions = {}): Promise<PixmixBatchResult> {
    checkPixmixBatch(batch);
    const size = batch.width * batch.height * 3;
    const { data, results } = await this.chunked<PixmixBatchResult>('pixmix', batch.count, size, options, (start, end, leases) => ({
      ...batch,
      count: end - start,
      first: start,
      images: this.staging.stage(batch.images, start * size, end * size, leases),
      mixing: this.staging.stage(batch.mixing, start * size, end * size, leases),
    }));
    return { data, samples: results.flatMap((result) => result.samples) };
  }

  /** V-PixMix over a packed batch of clips whose mixing material is already fetched (see prepareVpixmixBatch); `out` as for pixmix. */
  async vpixmix(batch: Omit<VpixmixBatch, 'first'>, options: PoolCallOptions = {}): Promise<VpixmixBatchResult> {
    checkVpixmixBatch(batch);
    const clipSize = batch.frames * batch.width * batch.height * 3;
    const materialSize = batch.materialFrames * batch.width * batch.height * 3;
    const { data, results } = await this.chunked<VpixmixBatchResult>('vpixmix', batch.count, clipSize, options, (start, end, leases) => ({
      ...batch,
      count: end - start,
      first: start,
      clips: this.staging.stage(batch.clips, start * clipSize, end * clipSize, leases),
      material: this.staging.stage(batch.material, start * materialSize, end * materialSize, leases),
    }));
    return { data, draws: results.flatMap((result) => result.draws) };
  }

  /** Splits `count` items into one contiguous chunk per worker, runs them, and joins their outputs in order. */
  private async chunked<R extends { data: Float32Array }>(
    task: PoolTaskName,
    count: number,
    itemSize: number,
    { out, records = true }: PoolCallOptions,
    payload: (start: number, end: number, leases: SharedArrayBuffer[]) => object,
  ): Promise<{ data: Float32Array; results: R[] }> {
    if (out !== undefined && out.length !== count * itemSize) throw new AugmentArgumentError('out', `needs ${count * itemSize} values, got ${out.length}`);
    const shared = out !== undefined && typeof SharedArrayBuffer !== 'undefined' && out.buffer instanceof SharedArrayBuffer;
    const chunks = this.split(count);
    // Inputs go to the workers as views of (reused) shared memory; the leases return when the call settles.
    const leases: SharedArrayBuffer[] = [];
    const results = await Promise.all(
      chunks.map(([start, end], k) => {
        const input = { ...payload(start, end, leases), records };
        return this.call<R>(k, task, shared && out ? { ...input, out: out.subarray(start * itemSize, end * itemSize) } : input);
      }),
    ).finally(() => this.staging.release(leases));
    const data = out ?? new Float32Array(count * itemSize);
    if (!shared) results.forEach((result, k) => data.set(result.data, chunks[k][0] * itemSize));
    return { data, results };
  }

  /** Stops the workers; pending calls are rejected. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private split(count: number): [number, number][] {
    const parts = Math.min(this.size, Math.max(count, 1));
    return Array.from({ length: parts }, (_, k) => [Math.floor((k * count) / parts), Math.floor(((k + 1) * count) / parts)]);
  }

  private call<R>(workerIndex: number, task: PoolTaskName, payload: unknown): Promise<R> {
    return this.pool.run<R>({ task, payload }, poolTasks[task].transferIn(payload as never), workerIndex);
  }
}
