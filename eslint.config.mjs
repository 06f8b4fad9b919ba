import nx from '@nx/eslint-plugin';

/**
 * DESIGN.md's arrows, as tags. Each package is tagged `scope:<name>`; a package may import
 * only the packages listed here, and `augment-core` / `corruptions` / `metrics` may not import TensorFlow.
 */
const arrows = {
  'augment-core': [],
  corruptions: ['augment-core'],
  metrics: [],
  'video-io': ['augment-core'],
  'mixing-sets': ['augment-core', 'video-io'],
  datasets: ['augment-core', 'corruptions', 'video-io', 'mixing-sets'],
  'tf-backend': [],
  models: ['tf-backend'],
  attacks: [],
  evaluation: ['augment-core', 'corruptions', 'datasets', 'metrics', 'attacks'],
  runner: [
    'augment-core',
    'corruptions',
    'metrics',
    'video-io',
    'mixing-sets',
    'datasets',
    'tf-backend',
    'models',
    'attacks',
    'evaluation',
  ],
  experiments: ['runner'],
  'datasets-folder': ['runner'],
  tools: ['augment-core', 'corruptions', 'metrics', 'video-io', 'mixing-sets', 'datasets', 'tf-backend', 'models', 'attacks', 'evaluation', 'runner'],
};
const noTensorFlow = new Set(['augment-core', 'corruptions', 'metrics']);

export const depConstraints = Object.entries(arrows).map(([scope, allowed]) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: allowed.map((name) => `scope:${name}`),
  ...(noTensorFlow.has(scope) ? { bannedExternalImports: ['@tensorflow/*'] } : {}),
}));

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/node_modules', '**/out-tsc', '**/dist', '**/vite.config.*.timestamp*', '**/vitest.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/vitest\\.shared(\\.mjs)?$'],
          depConstraints,
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@vpixmix/*/*', '!@vpixmix/*/package.json'],
              message: "Import a package through its public index ('@vpixmix/<name>'), never a file inside it.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // WebGPU in Node (Dawn) has no synchronous read: tfjs-backend-webgpu's dataSync goes
    // through OffscreenCanvas and throws 'ReferenceError: OffscreenCanvas is not defined'.
    // Tests (which run on cpu/wasm) and their helpers may read synchronously.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**', '**/*test-utils.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['dataSync', 'arraySync', 'bufferSync'].map((property) => ({
          property,
          message: `a synchronous tensor read fails on WebGPU in Node (it needs OffscreenCanvas); use the async ${property === 'dataSync' ? 'data()' : property === 'arraySync' ? 'array()' : 'buffer()'}, batched (one read per logging interval, not per step).`,
        })),
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/bin/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
