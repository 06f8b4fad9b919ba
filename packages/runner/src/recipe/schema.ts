import { z } from 'zod';

/** A number, or a fraction written as text ("2/255"), as attack budgets are usually stated. */
const amount = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?(e-?\d+)?\s*(\/\s*\d+(\.\d+)?\s*)?$/, 'write a number or a fraction such as 2/255')
    .transform((text) => text.split('/').map(Number).reduce((a, b) => a / b)),
]);

const positiveInt = z.number().int().positive();

export const datasetNames = ['shapes', 'motion', 'cifar10', 'cifar100', 'ucf101'] as const;
export const videoDatasets: readonly string[] = ['motion', 'ucf101'];

const clipShape = z.strictObject({
  frames: positiveInt.default(16),
  size: positiveInt.default(112),
  stride: positiveInt.default(1),
});

const data = z.strictObject({
  dataset: z.enum(datasetNames),
  /** Folder holding the data set; default datasets/<dataset>. */
  root: z.string().optional(),
  /** UCF101's train/test split (1, 2 or 3). */
  split: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  /** At most this many training / test samples (quick runs). */
  limit: z.strictObject({ train: positiveInt.optional(), test: positiveInt.optional() }).default({}),
  clip: clipShape.optional(),
});

const model = z.strictObject({
  name: z.string().min(1),
  dropout: z.number().min(0).max(1).optional(),
});

const training = z.strictObject({
  epochs: positiveInt,
  batchSize: positiveInt.default(128),
  lr: z.number().positive().default(0.1),
  momentum: z.number().min(0).max(1).default(0.9),
  nesterov: z.boolean().default(true),
  weightDecay: z.number().min(0).default(5e-4),
  schedule: z.enum(['cosine', 'constant']).default('cosine'),
  /** Write a checkpoint every this many steps (and at every epoch end). */
  checkpointEvery: positiveInt.default(200),
  /** AugMix's Jensen-Shannon consistency term weight (only for the augmix preset). */
  jsdWeight: z.number().min(0).default(12),
});

const mixing = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('fractals'), count: positiveInt.default(1000), seed: z.number().int().default(0) }),
  z.strictObject({ source: z.literal('fractal-zoom'), count: positiveInt.default(64), seed: z.number().int().default(0) }),
  z.strictObject({ source: z.literal('folder'), path: z.string().min(1) }),
  z.strictObject({ source: z.literal('video'), path: z.string().min(1) }),
]);

export const augmentPresets = [
  'none',
  'standard',
  'cutout',
  'mixup',
  'cutmix',
  'autoaugment',
  'augmix',
  'pixmix',
  'videomix',
  'vpixmix',
] as const;

export const vpixmixPresets = ['naive', 'single-picture', 'frozen-pixmix', 'fractal-zoom', 'video-mixing'] as const;

const augment = z.strictObject({
  preset: z.enum(augmentPresets),
  k: z.number().int().min(0).optional(),
  beta: z.number().positive().optional(),
  severity: z.number().gt(0).max(10).optional(),
  allOps: z.boolean().optional(),
  /** For preset vpixmix: which V-PixMix variant. */
  variant: z.enum(vpixmixPresets).optional(),
  /** Apply the standard crop/flip before the preset (the reference does, for PixMix). */
  standardFirst: z.boolean().default(true),
});

const arm = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-"'),
  augment,
  mixing: mixing.optional(),
});

export const axisNames = ['clean', 'corruptions', 'consistency', 'adversaries', 'calibration', 'anomaly'] as const;

const evaluation = z.strictObject({
  axes: z.array(z.enum(axisNames)).min(1).default([...axisNames]),
  /** Test samples used by each axis (all when absent). */
  limit: positiveInt.optional(),
  corruptions: z
    .strictObject({
      /** 'generate' builds the -C set from the test split; otherwise a folder in the -C layout. */
      source: z.string().default('generate'),
      severities: z.array(z.number().int().min(1).max(5)).min(1).default([1, 2, 3, 4, 5]),
      names: z.array(z.string()).optional(),
      limit: positiveInt.optional(),
    })
    .default({ source: 'generate', severities: [1, 2, 3, 4, 5] }),
  consistency: z
    .strictObject({ source: z.string().default('generate'), names: z.array(z.string()).optional(), limit: positiveInt.optional() })
    .default({ source: 'generate' }),
  adversaries: z
    .strictObject({
      norm: z.enum(['linf', 'l2']).default('linf'),
      eps: amount.default(2 / 255),
      stepSize: amount.default(0.5 / 255),
      steps: z.number().int().min(1).default(20),
      limit: positiveInt.optional(),
    })
    .default({ norm: 'linf', eps: 2 / 255, stepSize: 0.5 / 255, steps: 20 }),
  calibration: z.strictObject({ binSize: positiveInt.default(100) }).default({ binSize: 100 }),
  anomaly: z
    .strictObject({
      sets: z.array(z.string()).min(1).default(['gaussian', 'rademacher', 'blobs', 'held-out']),
      limit: positiveInt.optional(),
    })
    .default({ sets: ['gaussian', 'rademacher', 'blobs', 'held-out'] }),
});

export const recipeSchema = z.strictObject({
  description: z.string().default(''),
  seed: z.number().int().default(0),
  /** Run every arm with this many seeds (seed, seed+1, ...) and report mean ± std. */
  seeds: positiveInt.default(1),
  backend: z.enum(['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu']).default('auto'),
  data,
  model,
  training,
  arms: z.array(arm).min(1),
  evaluation: evaluation.default({} as never),
  /** Published reference values to print beside ours: { metric: { arm: value } }. */
  references: z.record(z.string(), z.record(z.string(), z.number())).default({}),
});

export type Recipe = z.output<typeof recipeSchema>;
export type RecipeArm = Recipe['arms'][number];
export type AxisName = (typeof axisNames)[number];
