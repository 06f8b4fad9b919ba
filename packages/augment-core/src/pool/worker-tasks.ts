import { type TransferListItem, parentPort } from 'node:worker_threads';
import type { SerializedError } from './worker-pool';

/**
 * The worker side of a WorkerPool: answers every task with `handle(message)`'s result (its
 * `transfer` buffers moved back), or with the error it threw.
 */
export function serveWorkerTasks(module: string, handle: (message: unknown) => { result: unknown; transfer?: readonly TransferListItem[] }): void {
  if (!parentPort) throw new Error(`${module} runs inside a worker thread (started by a WorkerPool)`);
  const port = parentPort;
  port.on('message', ({ id, message }: { id: number; message: unknown }) => {
    try {
      const { result, transfer = [] } = handle(message);
      port.postMessage({ id, result }, transfer as TransferListItem[]);
    } catch (error) {
      const e = error as Error & { argument?: string };
      const serialized: SerializedError = { name: e.name, message: e.message, argument: e.argument, stack: e.stack };
      port.postMessage({ id, error: serialized });
    }
  });
}
