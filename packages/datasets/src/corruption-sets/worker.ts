import { parentPort } from 'node:worker_threads';
import { type ChunkJob, runChunk } from './jobs';

if (!parentPort) throw new Error('corruption-sets/worker.ts runs inside a worker thread (started by ChunkPool)');
const port = parentPort;

port.on('message', ({ id, job }: { id: number; job: ChunkJob }) => {
  try {
    const result = runChunk(job);
    port.postMessage({ id, result }, [result.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as Error;
    port.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
