import { serveWorkerTasks } from '@vpixmix/augment-core';
import { type ChunkJob, runChunk } from './jobs';

serveWorkerTasks('corruption-sets/worker.ts', (job) => {
  const result = runChunk(job as ChunkJob);
  return { result, transfer: [result.buffer as ArrayBuffer] };
});
