export { AugmentPool, type AugmentPoolOptions, type PoolCallOptions } from './augment-pool';
export { runPixmixBatch, checkPixmixBatch, type PixmixBatch, type PixmixBatchResult, type PixmixBatchSample } from './pixmix-batch';
export { prepareVpixmixBatch, runVpixmixBatch, checkVpixmixBatch, clipStream, type VpixmixBatch, type VpixmixBatchResult } from './vpixmix-batch';
export { WorkerPool, type WorkerPoolOptions, type SerializedError, reviveError, workerBootstrapFile, workerData } from './worker-pool';
export { serveWorkerTasks } from './worker-tasks';
