// Nx plugin: one target per recipe file. Adding `experiments/<name>.yaml` adds
// `nx run experiments:<name>`, which runs `vpixmix run <name>`; further command-line options
// (--epochs, --limit, --backend, --out, --resume, --dry-run, --seeds) pass through to it.
// Plain JavaScript so Nx loads it without a TypeScript transpiler.
const { readFileSync } = require('node:fs');
const path = require('node:path');

/** The recipe's `description:` line, shown by `nx show project experiments`. */
function describeRecipe(file) {
  const match = /^description:\s*(.+)$/m.exec(readFileSync(file, 'utf8'));
  return match ? match[1].replace(/^['"]|['"]$/g, '') : 'vpixmix experiment recipe';
}

/** @type {import('@nx/devkit').CreateNodes} */
const createNodes = [
  'experiments/*.{yaml,yml}',
  (files, _options, context) =>
    files.map((file) => {
      const recipe = path.basename(file).replace(/\.ya?ml$/, '');
      const target = {
        command: `vpixmix run ${recipe}`,
        options: { cwd: '{workspaceRoot}' },
        cache: false,
        metadata: { description: describeRecipe(path.join(context.workspaceRoot, file)) },
      };
      return [file, { projects: { experiments: { targets: { [recipe]: target } } } }];
    }),
];

module.exports = { createNodes };
