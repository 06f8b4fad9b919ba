import * as tf from '@tensorflow/tfjs-core';
import { withUnfusedConv2d } from './unfused-conv';

/**
 * A classifier as the attacks see it: from inputs in [0, 1] (NHWC images or NDHWC clips)
 * to logits [N, classes]. The function owns the model's input normalisation (the project's
 * models expect `2x - 1`) and must run the model in inference mode (no dropout, batch-norm
 * with its moving statistics, nothing updated): see `inferenceLogits`.
 */
export type LogitsFunction = (inputs: tf.Tensor) => tf.Tensor;

/** Class labels as an int32 tensor [N] or a plain list. */
export type Labels = tf.Tensor1D | ArrayLike<number>;

export function labelTensor(labels: Labels): tf.Tensor1D {
  return labels instanceof tf.Tensor ? (tf.cast(labels, 'int32') as tf.Tensor1D) : tf.tensor1d(Array.from(labels), 'int32');
}

/** Cross-entropy of softmax(logits) per example, [N]. */
export function perExampleCrossEntropy(logits: tf.Tensor, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits as tf.Tensor2D);
    // An int32 one-hot cast to float: the stock wasm OneHot ignores a float32 dtype (it writes
    // integer bits), which made this loss, and every attack's gradient, zero there.
    const oneHot = tf.cast(tf.oneHot(labels, logits.shape[1] as number), 'float32');
    return tf.neg(tf.sum(tf.mul(oneHot, logProbs), 1)) as tf.Tensor1D;
  });
}

/**
 * Gradient of the summed cross-entropy with respect to the inputs (each example's gradient
 * is its own loss's: no batch averaging, as the reference's `reduction='sum'`).
 */
export function inputGradient(logitsFn: LogitsFunction, inputs: tf.Tensor, labels: tf.Tensor1D): tf.Tensor {
  return withUnfusedConv2d(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(perExampleCrossEntropy(logitsFn(x), labels)))(inputs)));
}

/** Anything with a Keras-style `apply(inputs, { training })`, e.g. a tfjs-layers model. */
export interface ApplicableModel {
  apply(inputs: tf.Tensor, kwargs: { training: boolean }): tf.Tensor | tf.Tensor[] | unknown;
}

/**
 * The logits function of a layers-style model for the attacks: normalises [0, 1] inputs to
 * the model's range (default `2x - 1`) and calls it with `training: false`, so dropout is off
 * and batch-norm uses and keeps its moving statistics.
 */
export function inferenceLogits(
  model: ApplicableModel,
  normalize: (inputs: tf.Tensor) => tf.Tensor = (x) => tf.sub(tf.mul(x, 2), 1),
): LogitsFunction {
  return (inputs) => {
    const out = model.apply(normalize(inputs), { training: false });
    if (!(out instanceof tf.Tensor)) throw new TypeError('inferenceLogits: the model must return one logits tensor.');
    return out;
  };
}
