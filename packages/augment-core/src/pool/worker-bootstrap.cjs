// Worker entry of every WorkerPool (and other worker threads of ours): workers start without the
// parent's ts-node hook, so register it (transpile-only, the workspace's runtime options) and load
// the TypeScript module named in workerData.
const { workerData } = require('node:worker_threads');

require('ts-node').register({ project: workerData.tsconfig });
require(workerData.module);
