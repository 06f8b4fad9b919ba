import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * The model as a differentiable logits function in inference mode (batch norm on running
 * statistics, no dropout) — what attacks and evaluation take. The caller owns the result.
 */
export function logitsFunction(model: tfl.LayersModel): (x: tf.Tensor) => tf.Tensor2D {
  return (x) => model.apply(x, { training: false }) as tf.Tensor2D;
}

/** Inference-mode logits of many inputs, `batchSize` at a time, concatenated. */
export function predictLogits(model: tfl.LayersModel, x: tf.Tensor, batchSize = 256): tf.Tensor2D {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  const n = x.shape[0];
  const parts: tf.Tensor[] = [];
  try {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      parts.push(tf.tidy(() => model.apply(tf.slice(x, start, size), { training: false }) as tf.Tensor));
    }
    return tf.concat(parts, 0) as tf.Tensor2D;
  } finally {
    tf.dispose(parts);
  }
}
