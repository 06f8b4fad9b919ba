import path from 'node:path';
import { type TransferListItem, Worker } from 'node:worker_threads';
import { AugmentArgumentError } from '../errors';
import { workspaceRoot } from '../workspace-root';

/** An error as it crosses from a worker thread (name, message, stack, and a typed error's argument). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  argument?: string;
}

/** The generic worker entry: registers ts-node (the workspace's options) and loads `workerData.module`. */
export const workerBootstrapFile = path.join(__dirname, 'worker-bootstrap.cjs');

/** workerData every pool worker gets: the module to load and the tsconfig ts-node reads. */
export function workerData(module: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, module, tsconfig: path.join(workspaceRoot, 'tsconfig.base.json') };
}

export interface WorkerPoolOptions {
  /** Worker threads (an integer >= 1). */
  size: number;
  /** The module each worker loads (TypeScript, through ts-node); it calls serveWorkerTasks. */
  module: string;
  /** Thread names: `<name>-<i>`. */
  name: string;
  /** What a failure calls the workers: 'augment' -> "an augment worker failed: ...". */
  label: string;
  /** Rebuilds a worker's error in this thread (default: an Error with its name, message and stack). */
  revive?(error: SerializedError): Error;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  worker: number;
}

/** An Error with the worker's name, message and stack (AugmentArgumentError keeps its type). */
export function reviveError(e: SerializedError): Error {
  const error = e.name === 'AugmentArgumentError' ? new AugmentArgumentError(e.argument ?? 'argument', '') : new Error();
  error.message = e.message;
  if (e.name !== 'AugmentArgumentError') error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * Worker threads running one module's task handler: `run(message)` posts a task to a worker
 * (the one asked for, else the least busy) and resolves to its result. Workers hold the
 * process open only while they have work; a crashed worker fails its tasks and every later
 * call with one error saying so. Which worker runs a task changes speed, never results.
 */
export class WorkerPool {
  readonly size: number;
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;
  private failure: Error | null = null;
  private readonly revive: (error: SerializedError) => Error;
  private readonly label: string;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new AugmentArgumentError('workers', `must be an integer >= 1, got ${options.size}`);
    this.size = options.size;
    this.label = options.label;
    this.revive = options.revive ?? reviveError;
    this.load = new Array<number>(this.size).fill(0);
    const data = workerData(options.module);
    this.workers = Array.from({ length: this.size }, (_, i) => {
      const worker = new Worker(workerBootstrapFile, { workerData: data, name: `${options.name}-${i}` });
      worker.on('message', (message: { id: number; result?: unknown; error?: SerializedError }) => this.settle(message));
      worker.on('error', (error) => this.fail(i, error));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(i, new Error(`${options.label} worker ${i} exited with code ${code}`));
      });
      worker.unref();
      return worker;
    });
  }

  /** Runs one task; `transfer` lists the buffers to move (not copy) to the worker. */
  run<R>(message: unknown, transfer: readonly TransferListItem[] = [], worker?: number): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`the ${this.label} pool is closed`));
    if (this.failure) return Promise.reject(this.failure);
    const index = worker === undefined ? this.load.indexOf(Math.min(...this.load)) : worker % this.size;
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, worker: index });
      if (this.load[index]++ === 0) this.workers[index].ref();
      this.workers[index].postMessage({ id, message }, transfer as TransferListItem[]);
    });
  }

  /** Stops the workers; pending tasks are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [, pending] of this.pending) pending.reject(new Error(`the ${this.label} pool was closed`));
    this.pending.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(message: { id: number; result?: unknown; error?: SerializedError }): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (--this.load[pending.worker] === 0) this.workers[pending.worker].unref();
    if (message.error) pending.reject(this.revive(message.error));
    else pending.resolve(message.result);
  }

  private fail(worker: number, error: Error): void {
    this.failure = new Error(`${/^[aeiou]/i.test(this.label) ? 'an' : 'a'} ${this.label} worker failed: ${error.message}`);
    for (const [id, pending] of this.pending) {
      if (pending.worker === worker) {
        this.pending.delete(id);
        pending.reject(this.failure);
      }
    }
  }
}
