import type * as tfl from '@tensorflow/tfjs-layers';
import { buildResNet3D } from './architectures/resnet3d';
import { buildWideResNet } from './architectures/wide-resnet';
import { ModelConfigError } from './errors';
import type { InputNormalizationArgs } from './layers/input-normalization';

/** Options every model takes; the architecture decides which of the rest apply. */
export interface ModelOptions {
  numClasses: number;
  /** Seeds the initial weights (same seed, same weights). Default 0. */
  initSeed?: number;
  /**
   * Input shape without the batch axis: [H, W, 3] for image models (default [32, 32, 3]),
   * [T, H, W, 3] for video models (default [16, 112, 112, 3]). null sizes accept any.
   */
  inputShape?: (number | null)[];
  /** Wide ResNet only: dropout between a block's convolutions. Default 0.3 (the reference recipe). */
  dropRate?: number;
  /**
   * Feed the network `(x - mean) / std` per channel instead of our `2x - 1` (the model still
   * takes `2x - 1`; a weightless first layer converts): for weights trained that way, e.g.
   * torchvision's r3d_18 on Kinetics-400 (KINETICS_NORMALIZATION).
   */
  inputNormalization?: { mean: readonly number[]; std: readonly number[] };
}

/** What a model name resolves to: the architecture and its configuration, as data. */
export type ModelSpec =
  | { family: 'wrn'; name: string; depth: number; widen: number; input: 'image' }
  | {
      family: 'r3d';
      name: string;
      blocks: [number, number, number, number];
      widths: [number, number, number, number];
      input: 'video';
    };

const videoModels: Record<string, Omit<Extract<ModelSpec, { family: 'r3d' }>, 'name'> & { summary: string }> = {
  'r3d-18': {
    family: 'r3d',
    blocks: [2, 2, 2, 2],
    widths: [64, 128, 256, 512],
    input: 'video',
    summary: "torchvision's r3d_18 (3D ResNet-18), 33.2M parameters at 101 classes",
  },
  'r3d-10': {
    family: 'r3d',
    blocks: [1, 1, 1, 1],
    widths: [64, 128, 256, 512],
    input: 'video',
    summary: 'r3d_18 with one block per stage, full width',
  },
  'r3d-small': {
    family: 'r3d',
    blocks: [1, 1, 1, 1],
    widths: [16, 32, 64, 128],
    input: 'video',
    summary: 'one block per stage at a quarter of the width, for CPU runs',
  },
  'r3d-tiny': {
    family: 'r3d',
    blocks: [1, 1, 1, 1],
    widths: [8, 16, 32, 64],
    input: 'video',
    summary: 'one block per stage at an eighth of the width, for tests',
  },
};

/** Names `listModels` shows for the Wide ResNet family (any wrn-<6n+4>-<k> works). */
const wrnExamples: Record<string, string> = {
  'wrn-40-4': 'the PixMix CIFAR recipe, 8.9M parameters at 10 classes',
  'wrn-28-10': 'the classic Wide ResNet, 36.5M parameters',
  'wrn-16-4': '2.7M parameters; the training benchmark',
  'wrn-16-2': '0.7M parameters, for CPU runs',
  'wrn-10-1': '78K parameters, for tests',
};

const wrnPattern = /^wrn-(\d+)-(\d+)$/;

/** Every named model with a one-line description (wrn-<depth>-<widen> takes any depth 6n + 4). */
export function listModels(): { name: string; summary: string }[] {
  return [
    ...Object.entries(wrnExamples).map(([name, summary]) => ({ name, summary })),
    ...Object.entries(videoModels).map(([name, spec]) => ({ name, summary: spec.summary })),
  ];
}

/** Resolves a model name to its architecture configuration, or throws ModelConfigError saying what names exist. */
export function resolveModel(name: string): ModelSpec {
  const wrn = wrnPattern.exec(name);
  if (wrn) {
    const depth = Number(wrn[1]);
    const widen = Number(wrn[2]);
    if (depth < 10 || (depth - 4) % 6 !== 0 || widen < 1) {
      throw new ModelConfigError('model', `'${name}': a Wide ResNet is wrn-<depth>-<widen> with depth 6n + 4 >= 10 and widen >= 1`);
    }
    return { family: 'wrn', name, depth, widen, input: 'image' };
  }
  const video = videoModels[name];
  if (video) {
    const { summary: _summary, ...spec } = video;
    return { ...spec, name };
  }
  throw new ModelConfigError(
    'model',
    `unknown model '${name}'; choose wrn-<depth>-<widen> (e.g. ${Object.keys(wrnExamples).join(', ')}) or ${Object.keys(videoModels).join(', ')}`,
  );
}

function checkInputShape(shape: (number | null)[], rank: number, name: string): void {
  const sizes = shape.slice(0, -1);
  if (
    shape.length !== rank ||
    shape[rank - 1] !== 3 ||
    sizes.some((s) => s !== null && (!Number.isInteger(s) || s < 1))
  ) {
    const form = rank === 3 ? '[height, width, 3]' : '[frames, height, width, 3]';
    throw new ModelConfigError('inputShape', `${name} takes ${form} (positive integers or null), got ${JSON.stringify(shape)}`);
  }
}

function normalization(options: ModelOptions): InputNormalizationArgs | undefined {
  const n = options.inputNormalization;
  if (!n) return undefined;
  const ok = (v: readonly number[], positive: boolean) => v.length === 3 && v.every((x) => Number.isFinite(x) && (!positive || x > 0));
  if (!ok(n.mean, false) || !ok(n.std, true)) {
    throw new ModelConfigError('inputNormalization', `needs three means and three positive standard deviations, got ${JSON.stringify(n)}`);
  }
  return { mean: [n.mean[0], n.mean[1], n.mean[2]], std: [n.std[0], n.std[1], n.std[2]], name: 'input_normalization' };
}

/**
 * Builds a model by name: `wrn-<depth>-<widen>` (the reference PixMix Wide ResNet) or
 * `r3d-18` / `r3d-10` / `r3d-small` / `r3d-tiny` (torchvision's 3D ResNet layout). The
 * returned tfjs LayersModel takes NHWC images / NDHWC clips and outputs logits; its
 * `name` is the model name.
 */
export function createModel(name: string, options: ModelOptions): tfl.LayersModel {
  const spec = resolveModel(name);
  const { numClasses } = options;
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ModelConfigError('numClasses', `must be an integer >= 1, got ${numClasses}`);
  }
  const initSeed = options.initSeed ?? 0;
  if (!Number.isInteger(initSeed)) throw new ModelConfigError('initSeed', `must be an integer, got ${initSeed}`);
  if (spec.family === 'wrn') {
    const inputShape = options.inputShape ?? [32, 32, 3];
    checkInputShape(inputShape, 3, name);
    const dropRate = options.dropRate ?? 0.3;
    if (!(dropRate >= 0 && dropRate < 1)) throw new ModelConfigError('dropRate', `must lie in [0, 1), got ${dropRate}`);
    return buildWideResNet({
      name,
      depth: spec.depth,
      widen: spec.widen,
      numClasses,
      dropRate,
      inputShape: inputShape as [number | null, number | null, number],
      initSeed,
      inputNormalization: normalization(options),
    });
  }
  if (options.dropRate !== undefined) {
    throw new ModelConfigError('dropRate', `${name} has no dropout (torchvision's r3d_18 has none); leave dropRate out`);
  }
  const inputShape = options.inputShape ?? [16, 112, 112, 3];
  checkInputShape(inputShape, 4, name);
  return buildResNet3D({
    name,
    blocks: spec.blocks,
    widths: spec.widths,
    numClasses,
    inputShape: inputShape as [number | null, number | null, number | null, number],
    initSeed,
    inputNormalization: normalization(options),
  });
}

/** Number of trainable parameters (what PyTorch's sum(p.numel() for p in model.parameters()) counts). */
export function countTrainableParams(model: tfl.LayersModel): number {
  return model.trainableWeights.reduce((total, w) => total + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);
}
