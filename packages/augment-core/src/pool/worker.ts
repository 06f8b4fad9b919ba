import { poolTasks, type PoolTaskName } from './tasks';
import { serveWorkerTasks } from './worker-tasks';

serveWorkerTasks('pool/worker.ts', (message) => {
  const { task, payload } = message as { task: PoolTaskName; payload: unknown };
  const definition = poolTasks[task];
  if (!definition) throw new Error(`unknown pool task '${String(task)}'`);
  const result = definition.run(payload as never);
  return { result, transfer: definition.transferOut(result as never) };
});
