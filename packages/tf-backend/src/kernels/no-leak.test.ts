import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { onBackend, testValues } from './kernel-test-utils';

describe('the wasm kernels free what they allocate', () => {
  it('repeated conv2d/conv3d gradient steps leave the backend holding the same buffers', async () => {
    await onBackend('wasm', () => tf.zeros([1]));
    const x2 = tf.tensor4d(testValues(2 * 9 * 9 * 3, 1), [2, 9, 9, 3]);
    const w2 = tf.tensor4d(testValues(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const x3 = tf.tensor5d(testValues(2 * 4 * 6 * 6 * 2, 3), [2, 4, 6, 6, 2]);
    const w3 = tf.tensor5d(testValues(3 * 3 * 3 * 2 * 3, 4), [3, 3, 3, 2, 3]);
    const step = () =>
      tf.tidy(() => {
        const g2 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')))([x2, w2]);
        const g3 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mean(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [1, 2, 2], 'same')))([x3, w3]);
        return tf.addN([tf.sum(g2[0]), tf.sum(g2[1]), tf.sum(g3[0]), tf.sum(g3[1]), tf.sum(tf.mean(x2, [0, 1, 2]))]);
      });
    step().dispose();
    const backend = tf.backend();
    const ids = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step().dispose();
    expect(backend.numDataIds()).toBe(ids);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x2, w2, x3, w3]);
  });
});
