// A WorkerPool module for tests: doubles numbers, throws typed errors, or exits.
import { AugmentArgumentError } from '../errors';
import { serveWorkerTasks } from '../pool/worker-tasks';

serveWorkerTasks('testing/echo-worker.ts', (message) => {
  const { op, values } = message as { op: 'double' | 'throw' | 'exit'; values: Float32Array };
  if (op === 'throw') throw new AugmentArgumentError('values', 'are not welcome here');
  if (op === 'exit') process.exit(3);
  const result = values.map((v) => 2 * v);
  return { result, transfer: [result.buffer] };
});
