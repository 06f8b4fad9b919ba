// Runs a TypeScript module in a child process, as the CLI does: ts-node in transpile-only
// mode with the workspace's runtime options. Usage: node ts-child.cjs <module.ts> [args...]
const path = require('node:path');

require('ts-node').register({ project: path.resolve(__dirname, '../../../../tsconfig.base.json') });
require(path.resolve(process.argv[2]));
