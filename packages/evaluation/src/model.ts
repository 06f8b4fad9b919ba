import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inferenceLogits, type LogitsFunction } from '@vpixmix/attacks';
import type { InputScale } from '@vpixmix/datasets';
import { EvaluationDataError } from './errors';

/**
 * What the axes evaluate: a classifier as a logits function. `apply` takes a batch scaled as
 * `scale` says (NHWC images or NDHWC clips) and returns N x classes logits; `attackLogits`
 * takes inputs in [0, 1], as PGD perturbs them. Both run the model in inference mode.
 */
export interface EvaluatedModel {
  scale: InputScale;
  apply(batch: tf.Tensor): tf.Tensor;
  attackLogits: LogitsFunction;
  /** Classes the logits have (read from the first batch when unknown). */
  numClasses?: number;
}

/**
 * A TF.js layers model, fed as DESIGN.md says (`2x - 1`), in inference mode: batch norm on
 * running statistics, no dropout. Its inputs are packed as signed values directly, so the
 * logits are those of a recipe run's evaluation, bit for bit.
 */
export function modelOf(model: tfl.LayersModel): EvaluatedModel {
  const classes = model.outputs[0]?.shape[1];
  return {
    scale: 'signed',
    apply: (batch) => model.apply(batch, { training: false }) as tf.Tensor,
    attackLogits: inferenceLogits(model),
    ...(typeof classes === 'number' ? { numClasses: classes } : {}),
  };
}

/**
 * Any classifier given as `logits(batch)`: `batch` holds inputs in [0, 1] (NHWC images or
 * NDHWC clips, float32), the result is N x classes logits. It must be differentiable with
 * TF.js for the adversarial axis; the caller's normalisation goes inside it.
 */
export function logitsOf(logits: LogitsFunction, numClasses?: number): EvaluatedModel {
  const checked: LogitsFunction = (batch) => {
    const out = logits(batch);
    if (!(out instanceof tf.Tensor) || out.rank !== 2 || out.shape[0] !== batch.shape[0]) {
      throw new EvaluationDataError(`logits(batch) must return one N x classes tensor for a batch of ${batch.shape[0]}; got ${out instanceof tf.Tensor ? `shape [${out.shape.join(', ')}]` : typeof out}.`);
    }
    return out;
  };
  return { scale: 'unit', apply: checked, attackLogits: checked, ...(numClasses !== undefined ? { numClasses } : {}) };
}
