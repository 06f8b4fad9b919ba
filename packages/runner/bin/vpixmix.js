#!/usr/bin/env node
// Runs the CLI straight from its TypeScript sources: ts-node, transpile-only, with the
// workspace's runtime options (see the "ts-node" block of tsconfig.base.json).
const path = require('node:path');

require('ts-node').register({
  project: path.join(__dirname, '..', '..', '..', 'tsconfig.base.json'),
});
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
