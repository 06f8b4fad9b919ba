import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, onBackend } from './kernel-test-utils';

describe('wasm OneHot matches the cpu backend', () => {
  it('float32 one-hots hold 1 and 0 (the stock kernel wrote int32 bits), and losses on them have gradients', async () => {
    const labels = [0, 2, 1, 2];
    const [oneHot] = await onBackend('wasm', () => tf.oneHot(tf.tensor1d(labels, 'int32'), 3, 1, 0, 'float32'));
    expect(Array.from(oneHot)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
    const error = await compareWithCpu(() => {
      const target = tf.oneHot(tf.tensor1d(labels, 'int32'), 3, 1, 0, 'float32');
      const logits = tf.tensor2d([1, 2, 3, 0.5, -1, 2, 0, 0, 1, 3, -2, 0.25], [4, 3]);
      return tf.grad((x: tf.Tensor) => tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(x as tf.Tensor2D)))))(logits);
    });
    expect(error).toBeLessThan(1e-6);
  });

  it('int32 and float32, rank-2 indices, other on/off values, indices out of range', async () => {
    const error = await compareWithCpu(() => {
      const indices = tf.tensor2d([0, 4, -1, 3, 5, 1], [2, 3], 'int32');
      return [tf.cast(tf.oneHot(indices, 5, 7, -2, 'int32'), 'float32'), tf.oneHot(indices, 5, 0.9, 0.025, 'float32'), tf.cast(tf.oneHot(indices, 5), 'float32')];
    });
    expect(error).toBe(0);
  });
});
