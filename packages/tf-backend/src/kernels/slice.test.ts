import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, testValues } from './kernel-test-utils';

describe('wasm Slice matches the cpu backend', () => {
  const cases: [string, number[], number[], number[]][] = [
    ['4D interior (a padded activation)', [3, 6, 6, 4], [0, 1, 1, 0], [3, 4, 4, 4]],
    ['4D every axis cut', [3, 6, 5, 4], [1, 2, 1, 1], [2, 3, 3, 2]],
    ['rows of a matrix', [7, 5], [2, 0], [3, 5]],
    ['columns of a matrix', [7, 5], [0, 1], [7, 3]],
    ['5D clip', [2, 4, 5, 5, 3], [0, 1, 1, 1, 0], [2, 2, 3, 3, 3]],
    ['-1 sizes', [4, 4, 4], [1, 0, 2], [-1, -1, -1]],
    ['1D', [10], [3], [4]],
  ];
  for (const [name, shape, begin, size] of cases) {
    it(`${name}, values and gradient`, async () => {
      const error = await compareWithCpu(() => {
        const x = tf.tensor(testValues(tf.util.sizeFromShape(shape), 31), shape);
        const value = tf.slice(x, begin, size);
        const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.slice(t, begin, size), 2)))(x);
        return [value, grad];
      });
      expect(error).toBe(0);
    });
  }

  it('int32 slices keep the stock path', async () => {
    const error = await compareWithCpu(() => tf.cast(tf.slice(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), [0, 1], [2, 2]), 'float32'));
    expect(error).toBe(0);
  });
});
