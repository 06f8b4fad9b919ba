import * as fs from 'node:fs';
import type * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { restoreCheckpoint, saveCheckpoint, type TrainingPosition } from '../checkpoint/checkpoint';
import { CheckpointError, TrainConfigError } from '../errors';
import { deriveSeed } from '../seeds';
import { type ProgressOptions, type ProgressRecord, TrainingProgress } from './progress';
import { learningRateAt, type LrSchedule } from './schedule';
import { type SgdOptions, SgdOptimizer } from './sgd';
import { type Batch, createTrainStep, type JsdOptions, type PendingStep, readStepResults, trainableParameters } from './train-step';

/**
 * Where training batches come from. The batch sequence must be a function of
 * (epoch, from) and the restored state, so a resumed run sees exactly the batches the
 * uninterrupted run saw. The trainer disposes every batch's tensors after its step.
 */
export interface TrainData {
  batchesPerEpoch: number;
  /** The batches of `epoch` (0-based), starting with batch index `from`. */
  batches(epoch: number, from: number): Iterable<Batch> | AsyncIterable<Batch>;
  /**
   * Plain JSON data (RNG states, ...) describing the position after the batches consumed
   * so far; called when a checkpoint is written. Do not prefetch past what was consumed.
   */
  state?(): unknown;
  /** Restores what state() returned; called on resume before batches(). */
  restore?(state: unknown): void;
}

export interface TrainOptions {
  epochs: number;
  /** SGD hyper-parameters; defaults are the reference recipe's (momentum 0.9, Nesterov, weight decay 5e-4). */
  optimizer: SgdOptions;
  /** Default: the reference's per-step cosine to an absolute 1e-6. */
  schedule?: LrSchedule;
  /** Seeds the dropout masks: step t of the run uses the stream (seed, t). */
  seed: number;
  /** Default: the model's output size. */
  numClasses?: number;
  /** Adds the AugMix JSD consistency term (batches then carry V views). */
  jsd?: JsdOptions;
  /** Checkpoint file, written atomically every `everySteps` steps (0: only at epoch ends) and at every epoch end. */
  checkpoint?: { file: string; everySteps?: number };
  /**
   * Steps whose losses and accuracies stay on the device before one batched read brings
   * them back (default 16); they are also read before every checkpoint, at each epoch end
   * and on a stop. The log still gets one record per step. A non-finite loss is found at
   * the read, before any checkpoint that would include its step.
   */
  readEverySteps?: number;
  /** Continue from `checkpoint.file` (it must exist and fit this run). */
  resume?: boolean;
  progress?: ProgressOptions;
  /** Runs after each epoch's last step, before its checkpoint; what it returns is logged. */
  onEpochEnd?: (info: EpochSummary, model: tfl.LayersModel) => Promise<Record<string, number> | void> | Record<string, number> | void;
  /** Stops after the current step, writing a checkpoint first (e.g. on Ctrl-C). */
  signal?: AbortSignal;
  /** More of the caller's configuration that a resume must match (data set, augmentation, ...). */
  runConfig?: Record<string, unknown>;
}

export interface EpochSummary {
  epoch: number;
  loss: number;
  accuracy: number;
  samples: number;
  metrics?: Record<string, number>;
}

export interface TrainResult {
  globalStep: number;
  totalSteps: number;
  /** Whether the run stopped early on `signal` (a checkpoint was written). */
  stopped: boolean;
  /** The global step the run resumed from, if it did. */
  resumedFrom?: number;
  /** Epochs finished in this call. */
  epochs: EpochSummary[];
}

/** A step whose loss is NaN or infinite; the last checkpoint is left as it was. */
export class TrainingDivergedError extends Error {
  override name = 'TrainingDivergedError';
}

/** Steps between the trainer's async reads of losses and accuracies (TrainOptions.readEverySteps). */
export const defaultReadEverySteps = 16;

function validate(data: TrainData, options: TrainOptions): void {
  if (!Number.isInteger(options.epochs) || options.epochs < 1) throw new TrainConfigError('epochs', `must be an integer >= 1, got ${options.epochs}`);
  if (!Number.isInteger(data.batchesPerEpoch) || data.batchesPerEpoch < 1) {
    throw new TrainConfigError('batchesPerEpoch', `must be an integer >= 1, got ${data.batchesPerEpoch}`);
  }
  if (!Number.isInteger(options.seed)) throw new TrainConfigError('seed', `must be an integer, got ${options.seed}`);
  const every = options.checkpoint?.everySteps ?? 0;
  if (!Number.isInteger(every) || every < 0) throw new TrainConfigError('checkpoint.everySteps', `must be an integer >= 0, got ${every}`);
  const readEvery = options.readEverySteps ?? defaultReadEverySteps;
  if (!Number.isInteger(readEvery) || readEvery < 1) throw new TrainConfigError('readEverySteps', `must be an integer >= 1, got ${readEvery}`);
  if (options.resume && !options.checkpoint) throw new TrainConfigError('resume', 'needs checkpoint.file to resume from');
  if (options.jsd && !(Number.isInteger(options.jsd.views) && options.jsd.views >= 2 && options.jsd.weight >= 0)) {
    throw new TrainConfigError('jsd', `needs views >= 2 and weight >= 0, got ${JSON.stringify(options.jsd)}`);
  }
}

function describeMismatch(saved: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(current)]);
  return [...keys]
    .filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(current[k]))
    .map((k) => `${k}: checkpoint ${JSON.stringify(saved[k])}, now ${JSON.stringify(current[k])}`);
}

/**
 * Trains `model` with SGD (PyTorch semantics), the per-step schedule, soft-label
 * cross-entropy (+ optional JSD), checkpoints and progress. Given the same model
 * initialisation, data and seed, the run is deterministic on a deterministic backend, and
 * a run resumed from any checkpoint ends with the weights of the uninterrupted run.
 */
export async function train(model: tfl.LayersModel, data: TrainData, options: TrainOptions): Promise<TrainResult> {
  validate(data, options);
  const numClasses = options.numClasses ?? (model.outputs[0].shape[1] as number);
  const schedule = options.schedule ?? { kind: 'cosine' };
  const { batchesPerEpoch } = data;
  const totalSteps = options.epochs * batchesPerEpoch;
  const optimizer = new SgdOptimizer(trainableParameters(model), options.optimizer);
  const step = createTrainStep(model, optimizer, { numClasses, jsd: options.jsd });
  const runConfig: Record<string, unknown> = {
    model: model.name,
    numClasses,
    epochs: options.epochs,
    batchesPerEpoch,
    lr: optimizer.baseLr,
    momentum: optimizer.momentum,
    dampening: optimizer.dampening,
    nesterov: optimizer.nesterov,
    weightDecay: optimizer.weightDecay,
    schedule,
    seed: options.seed,
    jsd: options.jsd ?? null,
    ...options.runConfig,
  };
  const progress = new TrainingProgress(options.progress);
  const checkpointFile = options.checkpoint?.file;
  const everySteps = options.checkpoint?.everySteps ?? 0;

  let position: TrainingPosition = {
    globalStep: 0,
    epoch: 0,
    batchInEpoch: 0,
    batchesPerEpoch,
    epochs: options.epochs,
    epochTotals: { lossSum: 0, correct: 0, count: 0 },
    dataState: null,
    runConfig,
  };
  let resumedFrom: number | undefined;
  if (options.resume && checkpointFile) {
    if (!fs.existsSync(checkpointFile)) {
      throw new CheckpointError(checkpointFile, 'no checkpoint to resume from; run without --resume to start from scratch');
    }
    const contents = restoreCheckpoint(checkpointFile, model, optimizer);
    const mismatch = describeMismatch(contents.position.runConfig, runConfig);
    if (mismatch.length > 0) {
      optimizer.dispose();
      throw new CheckpointError(checkpointFile, `was written by a different run configuration (${mismatch.join('; ')}); resume with the same settings or start a new run folder`);
    }
    position = contents.position;
    resumedFrom = position.globalStep;
    data.restore?.(position.dataState);
    progress.truncateAfter(position.globalStep, position.batchInEpoch === 0);
  } else {
    progress.clearLog();
  }

  const started = Date.now();
  let stepsThisCall = 0;
  let samplesThisCall = 0;
  const record = (event: ProgressRecord['event'], extra: Partial<ProgressRecord> = {}): ProgressRecord => {
    const elapsedSec = (Date.now() - started) / 1000;
    const totals = position.epochTotals;
    const rate = stepsThisCall > 0 ? elapsedSec / stepsThisCall : undefined;
    return {
      event,
      time: new Date().toISOString(),
      // After the last epoch the position is (epochs, 0): report it as the end of the last one.
      epoch: Math.min(position.epoch, options.epochs - 1),
      epochs: options.epochs,
      batch: position.epoch >= options.epochs ? batchesPerEpoch : position.batchInEpoch,
      batchesPerEpoch,
      globalStep: position.globalStep,
      totalSteps,
      ...(totals.count > 0 ? { epochLoss: totals.lossSum / totals.count, epochAccuracy: totals.correct / totals.count } : {}),
      ...(elapsedSec > 0 && samplesThisCall > 0 ? { samplesPerSec: samplesThisCall / elapsedSec } : {}),
      ...(rate !== undefined ? { etaSec: rate * (totalSteps - position.globalStep) } : {}),
      elapsedSec,
      ...extra,
    };
  };
  /** Steps run but not yet read back, oldest first, with where each one stood. */
  const pending: { step: PendingStep; lr: number; epoch: number; batch: number; globalStep: number }[] = [];
  const readEvery = options.readEverySteps ?? defaultReadEverySteps;
  const readPending = async (): Promise<void> => {
    const taken = pending.splice(0);
    const results = await readStepResults(taken.map((p) => p.step));
    const totals = position.epochTotals;
    taken.forEach((p, i) => {
      const result = results[i];
      if (!Number.isFinite(result.loss)) {
        throw new TrainingDivergedError(
          `step ${p.globalStep} (epoch ${p.epoch + 1}, batch ${p.batch + 1}) gave loss ${result.loss} at lr ${p.lr}; ` +
            'lower the learning rate or check the inputs; the last checkpoint is kept',
        );
      }
      totals.lossSum += result.loss * result.count;
      totals.correct += result.correct;
      totals.count += result.count;
      progress.report(record('step', { lr: p.lr, loss: result.loss, globalStep: p.globalStep + 1, batch: p.batch + 1 }));
    });
  };
  const checkpoint = async (): Promise<void> => {
    await readPending();
    if (!checkpointFile) return;
    position.dataState = data.state?.() ?? null;
    await saveCheckpoint(checkpointFile, model, optimizer, position);
  };

  progress.report(record(resumedFrom !== undefined ? 'resume' : 'start'));
  const epochs: EpochSummary[] = [];
  try {
    while (position.epoch < options.epochs) {
      const epoch = position.epoch;
      if (position.batchInEpoch < batchesPerEpoch) {
        for await (const batch of data.batches(epoch, position.batchInEpoch)) {
          if (position.batchInEpoch >= batchesPerEpoch) {
            tf.dispose([batch.x, batch.y]);
            break;
          }
          const lr = learningRateAt(schedule, optimizer.baseLr, position.globalStep, totalSteps);
          let result: PendingStep;
          try {
            result = step(batch, lr, deriveSeed(options.seed, position.globalStep));
          } finally {
            tf.dispose([batch.x, batch.y]);
          }
          pending.push({ step: result, lr, epoch, batch: position.batchInEpoch, globalStep: position.globalStep });
          position.globalStep++;
          position.batchInEpoch++;
          stepsThisCall++;
          samplesThisCall += result.count;
          if (pending.length >= readEvery) await readPending();
          if (everySteps > 0 && position.globalStep % everySteps === 0) await checkpoint();
          // A step is synchronous work: let a queued Ctrl-C reach its handler before deciding to go on.
          if (options.signal) await new Promise<void>((resolve) => setImmediate(resolve));
          if (options.signal?.aborted) {
            await checkpoint();
            progress.report(record('stop'));
            return { globalStep: position.globalStep, totalSteps, stopped: true, resumedFrom, epochs };
          }
        }
        if (position.batchInEpoch < batchesPerEpoch) {
          throw new TrainConfigError(
            'data',
            `epoch ${epoch + 1} ended after ${position.batchInEpoch} batches, but batchesPerEpoch is ${batchesPerEpoch}`,
          );
        }
      }
      await readPending();
      const totals = position.epochTotals;
      const summary: EpochSummary = { epoch, loss: totals.lossSum / totals.count, accuracy: totals.correct / totals.count, samples: totals.count };
      const metrics = (await options.onEpochEnd?.(summary, model)) ?? undefined;
      if (metrics) summary.metrics = metrics;
      progress.report(record('epoch', metrics ? { metrics } : {}));
      epochs.push(summary);
      position = { ...position, epoch: epoch + 1, batchInEpoch: 0, epochTotals: { lossSum: 0, correct: 0, count: 0 } };
      await checkpoint();
    }
    progress.report(record('end'));
    return { globalStep: position.globalStep, totalSteps, stopped: false, resumedFrom, epochs };
  } finally {
    tf.dispose(pending.flatMap((p) => [p.step.loss, p.step.correct]));
    optimizer.dispose();
  }
}
