import { parentPort } from 'node:worker_threads';
import { poolTasks, type PoolTaskName } from './tasks';

interface Request {
  id: number;
  task: PoolTaskName;
  payload: unknown;
}

if (!parentPort) throw new Error('pool/worker.ts runs inside a worker thread (started by AugmentPool)');
const port = parentPort;

port.on('message', (request: Request) => {
  try {
    const task = poolTasks[request.task];
    if (!task) throw new Error(`unknown pool task '${String(request.task)}'`);
    const result = task.run(request.payload as never);
    port.postMessage({ id: request.id, result }, task.transferOut(result as never));
  } catch (error) {
    const e = error as Error & { argument?: string };
    port.postMessage({ id: request.id, error: { name: e.name, message: e.message, argument: e.argument, stack: e.stack } });
  }
});
