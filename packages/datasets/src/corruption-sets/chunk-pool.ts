import path from 'node:path';
import { WorkerPool } from '@vpixmix/augment-core';
import { DatasetArgumentError } from '../errors';
import { type ChunkJob, runChunk, transferables } from './jobs';

/**
 * Runs chunk jobs on worker threads (augment-core's WorkerPool), or in this thread with 0
 * workers. Results come back through promises; callers keep the order. The worker count
 * changes speed only, never bytes.
 */
export class ChunkPool {
  private readonly pool: WorkerPool | undefined;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new DatasetArgumentError('workers', `must be an integer >= 0, got ${size}`);
    this.pool = size > 0 ? new WorkerPool({ size, module: path.join(__dirname, 'worker.ts'), name: 'vpixmix-corrupt', label: 'corruption' }) : undefined;
  }

  run(job: ChunkJob): Promise<Uint8Array> {
    if (!this.pool) {
      try {
        return Promise.resolve(runChunk(job));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.pool.run<Uint8Array>(job, transferables(job));
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
