import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, testValues } from './kernel-test-utils';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const cases: Case[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 4], filter: [3, 3, 4, 5], strides: 1, pad: 'valid' },
  { x: [2, 9, 7, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { x: [2, 8, 8, 4], filter: [3, 3, 4, 6], strides: 2, pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { x: [1, 9, 9, 3], filter: [3, 2, 3, 2], strides: [2, 3], pad: 'valid' },
  { x: [2, 8, 8, 4], filter: [1, 1, 4, 8], strides: 2, pad: 'valid' },
  { x: [1, 7, 6, 2], filter: [5, 3, 2, 3], strides: 1, pad: [[0, 0], [2, 0], [0, 1], [0, 0]] },
  { x: [1, 11, 10, 3], filter: [4, 4, 3, 2], strides: 3, pad: 'same' },
  // Padding larger than a phase can take: the input gradient takes the zero-grid path.
  { x: [1, 7, 7, 2], filter: [4, 4, 2, 3], strides: 2, pad: [[0, 0], [3, 1], [3, 0], [0, 0]] },
  // Large enough that the filter gradient runs in batch chunks.
  { x: [40, 32, 32, 2], filter: [3, 3, 2, 2], strides: 1, pad: 'same' },
];

function label(c: Case): string {
  return `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${c.strides}, pad ${JSON.stringify(c.pad)}`;
}

describe('wasm Conv2DBackpropInput / Conv2DBackpropFilter match the cpu backend', () => {
  for (const c of cases) {
    it(`gradients of conv2d: ${label(c)}`, async () => {
      const error = await compareWithCpu(() => {
        const x = tf.tensor4d(testValues(tf.util.sizeFromShape(c.x), 1), c.x);
        const w = tf.tensor4d(testValues(tf.util.sizeFromShape(c.filter), 2), c.filter);
        const forward = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, c.strides, c.pad as never);
        const y = forward(x, w);
        const dy = tf.tensor4d(testValues(y.size, 3), y.shape as [number, number, number, number]);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(a as tf.Tensor4D, b as tf.Tensor4D), dy)))([x, w]);
        return [y, dx, dw];
      });
      expect(error).toBeLessThan(1e-5);
    });
  }

  it('conv2dTranspose (Conv2DBackpropInput as an op) matches, stride 2', async () => {
    const error = await compareWithCpu(() => {
      const dy = tf.tensor4d(testValues(2 * 4 * 4 * 6, 4), [2, 4, 4, 6]);
      const w = tf.tensor4d(testValues(3 * 3 * 5 * 6, 5), [3, 3, 5, 6]);
      return tf.conv2dTranspose(dy, w, [2, 8, 8, 5], 2, 'same');
    });
    expect(error).toBeLessThan(1e-5);
  });
});
