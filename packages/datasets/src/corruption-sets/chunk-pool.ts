import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatasetArgumentError } from '../errors';
import { workspaceRoot } from '../paths';
import { type ChunkJob, runChunk, transferables } from './jobs';

interface Pending {
  resolve(result: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Runs chunk jobs on worker threads (or in this thread with 0 workers). Results come back
 * through promises; callers keep the order. The worker count changes speed only, never bytes.
 */
export class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: ChunkJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new DatasetArgumentError('workers', `must be an integer >= 0, got ${size}`);
    const tsconfig = path.join(workspaceRoot, 'tsconfig.base.json');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(path.join(__dirname, 'worker-bootstrap.cjs'), { workerData: { tsconfig }, name: `vpixmix-corrupt-${i}` });
      worker.on('message', (message: { id: number; result?: Uint8Array; error?: { name: string; message: string } }) => this.settle(worker, message));
      worker.on('error', (error) => this.crash(worker, error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(job: ChunkJob): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.size === 0) {
      try {
        return Promise.resolve(runChunk(job));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { id, job } = this.queue.shift() as { id: number; job: ChunkJob };
      this.busy.set(worker, id);
      worker.postMessage({ id, job }, transferables(job));
    }
  }

  private settle(worker: Worker, message: { id: number; result?: Uint8Array; error?: { name: string; message: string } }): void {
    this.busy.delete(worker);
    this.idle.push(worker);
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (pending) {
      if (message.error) {
        const error = new Error(message.error.message);
        error.name = message.error.name;
        pending.reject(error);
      } else pending.resolve(message.result as Uint8Array);
    }
    this.dispatch();
  }

  private crash(worker: Worker, error: Error): void {
    this.failure = new Error(`a corruption worker failed: ${error.message}`);
    const id = this.busy.get(worker);
    if (id !== undefined) this.pending.get(id)?.reject(this.failure);
    for (const { id: queued } of this.queue) this.pending.get(queued)?.reject(this.failure);
    this.queue.length = 0;
  }
}
