import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { TrainConfigError } from '../errors';
import { jsdConsistency, labelDistribution, softCrossEntropy } from './losses';
import { type NamedVariable, SgdOptimizer } from './sgd';

/** One training batch. The trainer disposes the tensors after the step. */
export interface Batch {
  /**
   * Model input, NHWC images or NDHWC clips. With the JSD term on, the V views of the same
   * B examples stacked [clean; aug1; aug2] (V*B rows), as AugMix's reference concatenates them.
   */
  x: tf.Tensor;
  /** Int class labels [B], or class probabilities [B, numClasses] (Mixup / CutMix / VideoMix). */
  y: tf.Tensor;
}

/** The AugMix Jensen-Shannon consistency term, added to the clean cross-entropy. */
export interface JsdOptions {
  /** The reference's 12. */
  weight: number;
  /** Views per example, clean one first (the reference's 3). */
  views: number;
}

/**
 * What a step leaves on the device: its loss and correct count as scalars, not yet read
 * back. Read many at once with readStepResults (one device read per logging interval: on
 * WebGPU in Node a read per step would stall the queue, and a synchronous read cannot run
 * at all — it needs OffscreenCanvas).
 */
export interface PendingStep {
  loss: tf.Scalar;
  correct: tf.Scalar;
  /** Examples in the batch (B, not V*B). */
  count: number;
}

export interface StepResult {
  /** The minimised loss (cross-entropy on the clean view, plus the weighted JSD term). */
  loss: number;
  /** Clean-view predictions whose argmax matches the label's argmax. */
  correct: number;
  /** Examples in the batch (B, not V*B). */
  count: number;
}

/** The trainable variables of a model as an explicit, named list (names are the layer-qualified weight names). */
export function trainableParameters(model: tfl.LayersModel): NamedVariable[] {
  return model.trainableWeights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable }));
}

function countCorrect(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32'));
}

/**
 * A training step for `model`: forward in training mode (batch-norm batch statistics and
 * running updates, dropout masks from `dropoutSeed`), loss, gradients of exactly the
 * optimizer's variables, one SGD update — all inside tf.tidy, so the step leaves no tensor
 * behind but the updated weights, running statistics, momentum buffers and the two scalars
 * it returns (read and dispose them with readStepResults).
 */
export function createTrainStep(
  model: tfl.LayersModel,
  optimizer: SgdOptimizer,
  options: { numClasses: number; jsd?: JsdOptions },
): (batch: Batch, lr: number, dropoutSeed: number) => PendingStep {
  const byEngineName = new Map<string, string>();
  const variables: tf.Variable[] = [];
  const trainable = new Map(trainableParameters(model).map((p) => [p.name, p.variable]));
  for (const name of optimizer.names) {
    const variable = trainable.get(name);
    if (!variable) throw new TrainConfigError('optimizer', `parameter '${name}' is not a trainable weight of model ${model.name}`);
    byEngineName.set(variable.name, name);
    variables.push(variable);
  }
  const views = options.jsd?.views ?? 1;
  return (batch, lr, dropoutSeed) => {
    const rows = batch.x.shape[0];
    const count = rows / views;
    if (!Number.isInteger(count) || (batch.y.shape[0] !== count)) {
      throw new TrainConfigError('batch', `x has ${rows} rows and y ${batch.y.shape[0]}; with ${views} view(s) x needs ${views} x y's rows`);
    }
    const [lossTensor, correctTensor] = tf.tidy(() => {
      let correct: tf.Scalar | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.apply(batch.x, { training: true, dropoutSeed }) as tf.Tensor;
        const clean = views > 1 ? tf.slice(logits, 0, count) : logits;
        const targets = labelDistribution(batch.y, options.numClasses);
        let loss = softCrossEntropy(clean, targets);
        if (options.jsd) loss = tf.add(loss, tf.mul(jsdConsistency(logits, views), options.jsd.weight));
        correct = tf.keep(countCorrect(clean, targets));
        return loss;
      }, variables);
      const named: tf.NamedTensorMap = {};
      for (const [engineName, grad] of Object.entries(grads)) named[byEngineName.get(engineName) ?? engineName] = grad;
      optimizer.step(named, lr);
      return [value, correct as tf.Scalar];
    });
    return { loss: lossTensor, correct: correctTensor, count };
  };
}

/**
 * Reads the losses and correct counts of `steps` back in one asynchronous read (stacked
 * into one tensor) and disposes their scalars, also when the read fails.
 */
export async function readStepResults(steps: readonly PendingStep[]): Promise<StepResult[]> {
  if (steps.length === 0) return [];
  const scalars = steps.flatMap((s) => [s.loss, s.correct]);
  try {
    const stacked = tf.stack(scalars);
    let values: Float32Array;
    try {
      values = (await stacked.data()) as Float32Array;
    } finally {
      stacked.dispose();
    }
    return steps.map((s, i) => ({ loss: values[2 * i], correct: values[2 * i + 1], count: s.count }));
  } finally {
    tf.dispose(scalars);
  }
}
