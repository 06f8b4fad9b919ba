import fs from 'node:fs';
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createPipeline } from '@vpixmix/datasets';
import { type ProgressRecord, createModel, train } from '@vpixmix/models';
import type { ArmAugmentation } from '../augment/arm-augment';
import type { RunData } from '../data/open-data';
import type { TrainingResult } from '@vpixmix/evaluation';
import type { Recipe, RecipeArm } from '../recipe/schema';
import { augmixTrainData, pipelineTrainData } from './train-data';

export const checkpointFileName = 'checkpoint.safetensors';
export const trainLogFileName = 'train.jsonl';

export interface TrainUnitOptions {
  recipe: Recipe;
  arm: RecipeArm;
  seed: number;
  data: RunData;
  augmentation: ArmAugmentation;
  /** The unit's folder: checkpoint and JSON-lines log live here. */
  dir: string;
  /** Continue from the checkpoint in `dir` (it must exist). */
  resume: boolean;
  signal?: AbortSignal;
  /** Where the progress bar goes (null: none). */
  stream?: NodeJS.WritableStream | null;
}

export interface TrainedUnit {
  model: tfl.LayersModel;
  stopped: boolean;
  training: TrainingResult;
}

/** Whether the unit's checkpoint marks its training as finished (every epoch done). */
export function trainingFinished(dir: string): boolean {
  const log = path.join(dir, trainLogFileName);
  if (!fs.existsSync(log) || !fs.existsSync(path.join(dir, checkpointFileName))) return false;
  return readTrainLog(log).some((r) => r.event === 'end');
}

export function readTrainLog(file: string): ProgressRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ProgressRecord];
      } catch {
        return [];
      }
    });
}

/** Epoch summaries, the loss curve and the time spent, from the JSON-lines log (resumed runs included). */
export function trainingSummary(file: string, maxPoints = 400): TrainingResult {
  const records = readTrainLog(file);
  const epochs = records
    .filter((r) => r.event === 'epoch')
    .map((r) => ({ epoch: r.epoch + 1, loss: r.epochLoss ?? Number.NaN, accuracy: 100 * (r.epochAccuracy ?? Number.NaN) }));
  const steps = records.filter((r) => r.event === 'step' && r.loss !== undefined);
  const stride = Math.max(1, Math.ceil(steps.length / maxPoints));
  const curve: [number, number][] = steps
    .filter((_, i) => i % stride === 0 || i === steps.length - 1)
    .map((r) => [r.globalStep / r.batchesPerEpoch, r.loss as number]);
  // Each call (start or resume) counts its own elapsed time; sum the last value of each.
  let seconds = 0;
  let segment = 0;
  for (const r of records) {
    if (r.event === 'start' || r.event === 'resume') {
      seconds += segment;
      segment = 0;
    }
    segment = Math.max(segment, r.elapsedSec ?? 0);
  }
  seconds += segment;
  const last = records[records.length - 1];
  return { epochs, steps: curve, seconds, totalSteps: last?.totalSteps ?? 0 };
}

/** Item shape without the batch axis: [H, W, 3] or [T, H, W, 3]. */
export function itemShape(data: RunData): number[] {
  const d = data.train;
  return d.kind === 'clip' ? [d.frames, d.height, d.width, 3] : [d.height, d.width, 3];
}

/**
 * Trains one arm with one seed: the model initialised from the seed, SGD as the recipe says,
 * the arm's augmentation in the pipeline, checkpoints every `checkpointEvery` steps and at
 * each epoch end. With `resume`, continues exactly where the checkpoint stopped (a finished
 * run restores its final weights without a step).
 */
export async function trainUnit(options: TrainUnitOptions): Promise<TrainedUnit> {
  const { recipe, arm, seed, data, augmentation, dir } = options;
  const t = recipe.training;
  fs.mkdirSync(dir, { recursive: true });
  const model = createModel(recipe.model.name, {
    numClasses: data.classNames.length,
    initSeed: seed,
    inputShape: itemShape(data),
    ...(recipe.model.dropout !== undefined ? { dropRate: recipe.model.dropout } : {}),
  });
  const jsd = augmentation.views !== undefined && t.jsdWeight > 0;
  const pipeline = createPipeline(data.train, {
    batchSize: t.batchSize,
    seed,
    augment: jsd ? undefined : augmentation.sample,
    mixBatch: augmentation.mixBatch,
    scale: jsd ? 'unit' : 'signed',
    prefetch: 2,
  });
  const trainData = jsd ? augmixTrainData(pipeline, augmentation, seed) : pipelineTrainData(pipeline);
  const log = path.join(dir, trainLogFileName);
  try {
    const result = await train(model, trainData, {
      epochs: t.epochs,
      optimizer: { lr: t.lr, momentum: t.momentum, nesterov: t.nesterov, weightDecay: t.weightDecay },
      schedule: t.schedule === 'cosine' ? { kind: 'cosine', minLr: t.minLr } : { kind: 'constant' },
      seed,
      ...(jsd ? { jsd: { weight: t.jsdWeight, views: 3 } } : {}),
      checkpoint: { file: path.join(dir, checkpointFileName), everySteps: t.checkpointEvery },
      resume: options.resume,
      progress: { stream: options.stream === undefined ? process.stderr : options.stream, jsonl: log },
      signal: options.signal,
      runConfig: { dataset: recipe.data.dataset, trainItems: data.train.length, augment: arm.augment, mixing: arm.mixing ?? null },
    });
    return { model, stopped: result.stopped, training: trainingSummary(log) };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    await pipeline.close();
  }
}
