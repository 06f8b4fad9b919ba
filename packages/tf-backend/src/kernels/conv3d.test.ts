import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, testValues } from './kernel-test-utils';

interface Case {
  x: [number, number, number, number, number];
  filter: [number, number, number, number, number];
  strides: number | [number, number, number];
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  { x: [2, 4, 6, 6, 3], filter: [3, 3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [1, 5, 7, 6, 2], filter: [3, 3, 3, 2, 3], strides: 2, pad: 'same' },
  { x: [2, 4, 8, 8, 3], filter: [3, 7, 7, 3, 2], strides: [1, 2, 2], pad: 'same' },
  { x: [1, 5, 6, 6, 2], filter: [2, 3, 3, 2, 3], strides: [2, 1, 2], pad: 'valid' },
  { x: [2, 4, 4, 4, 4], filter: [1, 1, 1, 4, 6], strides: 2, pad: 'valid' },
  // One frame, a 3-deep filter: two of the depth taps read only padding.
  { x: [2, 1, 3, 3, 4], filter: [3, 3, 3, 4, 5], strides: 1, pad: 'same' },
  // Two frames, stride 2: the last tap reads padding only.
  { x: [2, 2, 4, 4, 3], filter: [3, 3, 3, 3, 2], strides: 2, pad: 'same' },
];

describe('wasm Conv3D and its gradients match the cpu backend', () => {
  for (const c of cases) {
    it(`x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${c.strides}, pad ${c.pad}`, async () => {
      const error = await compareWithCpu(() => {
        const x = tf.tensor5d(testValues(tf.util.sizeFromShape(c.x), 11), c.x);
        const w = tf.tensor5d(testValues(tf.util.sizeFromShape(c.filter), 12), c.filter);
        const forward = (a: tf.Tensor, b: tf.Tensor) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad);
        const y = forward(x, w);
        const dy = tf.tensor(testValues(y.size, 13), y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(a, b), dy)))([x, w]);
        return [y, dx, dw];
      });
      expect(error).toBeLessThan(1e-5);
    });
  }

  it('a dilated Conv3D forward matches', async () => {
    const error = await compareWithCpu(() => {
      const x = tf.tensor5d(testValues(1 * 7 * 7 * 7 * 2, 14), [1, 7, 7, 7, 2]);
      const w = tf.tensor5d(testValues(3 * 3 * 3 * 2 * 3, 15), [3, 3, 3, 2, 3]);
      return tf.conv3d(x, w, 1, 'same', 'NDHWC', [2, 1, 2]);
    });
    expect(error).toBeLessThan(1e-5);
  });
});
