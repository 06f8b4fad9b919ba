// Worker entry: workers start without the parent's ts-node hook, so register it (transpile-only,
// the workspace's runtime options) and load the TypeScript worker module.
const { workerData } = require('node:worker_threads');

require('ts-node').register({ project: workerData.tsconfig });
require('./worker.ts');
