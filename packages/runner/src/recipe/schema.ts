import { VPIXMIX_PRESETS } from '@vpixmix/augment-core';
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
  /** Frames per clip (T). */
  frames: positiveInt.optional(),
  /** Frame side in pixels. */
  size: positiveInt.optional(),
  /** UCF101: frames between sampled frames. */
  stride: positiveInt.optional(),
});

const data = z.strictObject({
  dataset: z.enum(datasetNames),
  /** Folder holding the data set; default datasets/<dataset> (or $VPIXMIX_DATASET_<NAME>). */
  root: z.string().min(1).optional(),
  /** UCF101's train/test split (1, 2 or 3). */
  split: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  /** Embedded synthetic sets: the data set's own seed (default: the set's default). */
  seed: z.number().int().optional(),
  /** Embedded image set (shapes): picture side in pixels (default 32). Clips: use clip.size. */
  size: positiveInt.min(16).optional(),
  /** At most this many training / test samples (quick runs); drawn at random, the same for every arm. */
  limit: z.strictObject({ train: positiveInt.optional(), test: positiveInt.optional() }).prefault({}),
  clip: clipShape.optional(),
});

const model = z.strictObject({
  name: z.string().min(1),
  /** Wide ResNet dropout between a block's convolutions (default 0.3, the reference recipe). */
  dropout: z.number().min(0).lt(1).optional(),
});

const training = z.strictObject({
  epochs: positiveInt,
  batchSize: positiveInt.default(128),
  lr: z.number().positive().default(0.1),
  momentum: z.number().min(0).max(1).default(0.9),
  nesterov: z.boolean().default(true),
  weightDecay: z.number().min(0).default(5e-4),
  schedule: z.enum(['cosine', 'constant']).default('cosine'),
  /** Cosine schedule's final learning rate (absolute; the reference's 1e-6). */
  minLr: z.number().min(0).default(1e-6),
  /** Write a checkpoint every this many steps (and at every epoch end). */
  checkpointEvery: positiveInt.default(200),
  /** AugMix's Jensen-Shannon consistency term weight (only for the augmix preset; 0 turns it off). */
  jsdWeight: z.number().min(0).default(12),
});

const mixing = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('fractals'),
    count: positiveInt.default(1000),
    seed: z.number().int().default(0),
    /** 'reference': rendered larger, Resize(size * 36 / 32) + a fresh RandomCrop(size) per draw, as the reference's mixing set; 'none': fixed pictures at the item size. */
    preprocess: z.enum(['reference', 'none']).default('reference'),
  }),
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
export type AugmentPreset = (typeof augmentPresets)[number];

/** Presets for images only, clips only, and both. */
export const imageOnlyPresets: readonly AugmentPreset[] = ['cutout', 'mixup', 'cutmix', 'autoaugment', 'augmix', 'pixmix'];
export const clipOnlyPresets: readonly AugmentPreset[] = ['videomix', 'vpixmix'];
/** Presets that mix in pictures from a `mixing:` source. */
export const mixingPresets: readonly AugmentPreset[] = ['pixmix', 'vpixmix'];

export const vpixmixPresets = VPIXMIX_PRESETS;

const augment = z.strictObject({
  preset: z.enum(augmentPresets),
  /** PixMix / V-PixMix: most mixing rounds. */
  k: z.number().int().min(0).optional(),
  /** PixMix / V-PixMix: Beta parameter of the mixing weights. */
  beta: z.number().positive().optional(),
  /** PixMix / V-PixMix / AugMix: op severity in (0, 10]. */
  severity: z.number().gt(0).max(10).optional(),
  /** PixMix / V-PixMix: all 13 ops (true) or 9. */
  allOps: z.boolean().optional(),
  /** Mixup / CutMix / VideoMix: Beta(alpha, alpha) of the mixing share. */
  alpha: z.number().positive().optional(),
  /** For preset vpixmix: which V-PixMix variant. */
  variant: z.enum(vpixmixPresets).optional(),
  /** Apply the standard crop/flip before the preset (the reference does, for PixMix). */
  standardFirst: z.boolean().default(true),
  /**
   * Horizontal flip in the standard crop/flip. Default: on, except for data sets whose labels
   * a mirror changes (motion: left <-> right, rotate_cw <-> rotate_ccw).
   */
  flip: z.boolean().optional(),
});

const arm = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-"'),
  augment,
  mixing: mixing.optional(),
});

export const axisNames = ['clean', 'corruptions', 'consistency', 'adversaries', 'calibration', 'anomaly'] as const;

/**
 * Where -C / -P sets come from: 'generate' builds them from the test split (cached under
 * .cache/eval-sets), 'folder' reads datasets/<dataset>-c (-p), or `folder:` when given.
 */
const companionSource = z.enum(['generate', 'folder']);

const evaluation = z.strictObject({
  axes: z.array(z.enum(axisNames)).min(1).default([...axisNames]),
  /** Test samples used by each axis (all when absent). */
  limit: positiveInt.optional(),
  /** Samples per inference batch. */
  batchSize: positiveInt.default(100),
  corruptions: z
    .strictObject({
      source: companionSource.default('generate'),
      folder: z.string().min(1).optional(),
      severities: z.array(z.number().int().min(1).max(5)).min(1).default([1, 2, 3, 4, 5]),
      /** Default: the 15 benchmark corruptions (images) or the 15 video corruptions (clips). */
      names: z.array(z.string()).min(1).optional(),
      /** Items per corruption and severity (default: evaluation.limit). */
      limit: positiveInt.optional(),
    })
    .prefault({}),
  consistency: z
    .strictObject({
      source: companionSource.default('generate'),
      folder: z.string().min(1).optional(),
      /** Default: the 10 perturbations mFR averages. */
      names: z.array(z.string()).min(1).optional(),
      /** Sequences per perturbation (default: evaluation.limit). */
      limit: positiveInt.optional(),
    })
    .prefault({}),
  adversaries: z
    .strictObject({
      norm: z.enum(['linf', 'l2']).default('linf'),
      eps: amount.default(2 / 255),
      stepSize: amount.default(0.5 / 255),
      steps: z.number().int().min(1).default(20),
      restarts: positiveInt.default(1),
      /** 'clean' (DESIGN.md) or 'random-start' (the reference code's projection). */
      projectAround: z.enum(['clean', 'random-start']).default('clean'),
      /** Attacked samples (default: evaluation.limit). */
      limit: positiveInt.optional(),
    })
    .prefault({}),
  calibration: z.strictObject({ binSize: positiveInt.default(100) }).prefault({}),
  anomaly: z
    .strictObject({
      sets: z.array(z.string()).min(1).default(['gaussian', 'rademacher', 'blobs', 'held-out']),
      /** Items per OOD set (default: a fifth of the evaluated test items, as the reference). */
      limit: positiveInt.optional(),
    })
    .prefault({}),
});

/** Keys of `references:` (the overall table's rows). */
export const referenceMetrics = ['clean', 'mCE', 'mFR', 'PGD', 'RMS', 'AUROC'] as const;

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
  evaluation: evaluation.prefault({}),
  /** Published values (percent) to print beside ours: { metric: { arm: value } }; metrics: clean, mCE, mFR, PGD, RMS, AUROC. */
  references: z.partialRecord(z.enum(referenceMetrics), z.record(z.string(), z.number())).default({}),
  /** Where the published values come from, printed under the overall table. */
  referenceSource: z.string().optional(),
});

export type Recipe = z.output<typeof recipeSchema>;
export type RecipeArm = Recipe['arms'][number];
export type RecipeMixing = NonNullable<RecipeArm['mixing']>;
export type RecipeAugment = RecipeArm['augment'];
export type AxisName = (typeof axisNames)[number];
export type ReferenceMetric = (typeof referenceMetrics)[number];
