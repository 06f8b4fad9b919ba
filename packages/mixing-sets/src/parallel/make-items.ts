import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerBootstrapFile, workerData } from '@vpixmix/augment-core';
import type { ItemRecipe, MadeItem } from '../cache/item-maker';

interface WorkerMessage {
  index?: number;
  width?: number;
  height?: number;
  data?: Float32Array;
  params?: MadeItem['params'];
  done?: boolean;
  error?: { name: string; message: string; stack?: string };
}

/**
 * Makes items `first..count-1` of a set on `workers` threads (worker w makes indices
 * first + w, first + w + workers, ...) and hands them to `onItem` in index order. Every item
 * depends only on (seed, index), so the bytes are those of a single-thread run.
 */
export async function makeItemsInParallel(
  recipe: ItemRecipe,
  first: number,
  count: number,
  workers: number,
  onItem: (index: number, item: MadeItem) => Promise<void>,
): Promise<void> {
  const ready = new Map<number, MadeItem>();
  let next = first;
  let writing = Promise.resolve();
  let failure: Error | undefined;
  const flush = () => {
    writing = writing.then(async () => {
      while (!failure && ready.has(next)) {
        const item = ready.get(next) as MadeItem;
        ready.delete(next);
        await onItem(next, item);
        next++;
      }
    });
    writing.catch((error: Error) => (failure ??= error));
  };
  const started: Worker[] = [];
  const runs = Array.from({ length: Math.min(workers, count - first) }, (_, w) => {
    const indices: number[] = [];
    for (let i = first + w; i < count; i += workers) indices.push(i);
    const worker = new Worker(workerBootstrapFile, { workerData: workerData(path.join(__dirname, 'item-worker.ts'), { recipe, indices }), name: `vpixmix-mixing-set-${w}` });
    started.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.error) {
          const error = new Error(message.error.message);
          error.name = message.error.name;
          error.stack = message.error.stack;
          reject(error);
        } else if (message.done) {
          resolve();
        } else if (message.index !== undefined && message.data) {
          ready.set(message.index, {
            image: { width: message.width as number, height: message.height as number, channels: 3, data: message.data },
            params: message.params as MadeItem['params'],
          });
          flush();
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mixing-set worker ${w} exited with code ${code}`))));
    });
  });
  try {
    await Promise.all(runs);
    flush();
    await writing;
    if (failure) throw failure;
  } finally {
    await Promise.all(started.map((worker) => worker.terminate()));
  }
}
