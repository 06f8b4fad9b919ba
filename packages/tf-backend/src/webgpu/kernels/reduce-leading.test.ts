import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowSplits } from './reduce-leading';
import { compareWebGpuWithCpu, compiledShaderKeys, startWebGpuForTests, testValues } from './webgpu-test-utils';

interface Case {
  shape: number[];
  axis: number[];
}

const cases: Case[] = [
  // batch norm's [pixels, channels] over axis 0: odd and vec4 channel counts, few and many rows
  { shape: [7, 3], axis: [0] },
  { shape: [5000, 5], axis: [0] },
  { shape: [4099, 64], axis: [0] },
  // several leading axes, and a 5D clip's [N, D, H, W] over a trailing channel axis
  { shape: [2, 9, 9, 12], axis: [0, 1, 2] },
  { shape: [2, 3, 5, 4, 6], axis: [0, 1, 2, 3] },
];

describe('webgpu Sum and Mean over leading axes (no transpose) match the cpu backend', () => {
  let skip: string | undefined;
  beforeAll(async () => {
    skip = await startWebGpuForTests();
  }, 120_000);

  for (const c of cases) {
    it(`sum and mean of ${c.shape.join('x')} over axes ${c.axis.join(',')}, with and without keepDims, and their gradients`, async (context) => {
      if (skip) context.skip(skip);
      const errors = await compareWebGpuWithCpu(() => {
        const x = tf.tensor(testValues(tf.util.sizeFromShape(c.shape), 41), c.shape);
        const weights = tf.tensor(testValues(tf.util.sizeFromShape(c.shape.slice(c.axis.length)), 42), c.shape.slice(c.axis.length));
        const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.mean(tf.square(a), c.axis), weights)))(x);
        return [tf.sum(x, c.axis), tf.mean(x, c.axis), tf.sum(x, c.axis, true), tf.mean(x, c.axis, true), dx];
      });
      for (const e of errors) expect(e).toBeLessThan(1e-4);
    });
  }

  it('leaves other reductions to the stock kernels and ran its own programs', async (context) => {
    if (skip) context.skip(skip);
    const errors = await compareWebGpuWithCpu(() => {
      const x = tf.tensor(testValues(2 * 5 * 6, 43), [2, 5, 6]);
      return [tf.sum(x, [1, 2]), tf.mean(x, -1), tf.sum(x), tf.mean(tf.cast(tf.greater(x, 0), 'float32'), 0)];
    });
    for (const e of errors) expect(e).toBeLessThan(1e-4);
    const keys = compiledShaderKeys();
    expect(keys.some((k) => k.startsWith('vpixmixReduceLeadingPartial_true'))).toBe(true);
    expect(keys.some((k) => k.startsWith('vpixmixReduceLeadingPartial_false'))).toBe(true);
  });

  it('splits rows so that a GPU has work for every core but never fewer than 256 rows a split', () => {
    expect(rowSplits(100, 1)).toBe(1);
    expect(rowSplits(8192, 1)).toBe(32);
    expect(rowSplits(131072, 4)).toBe(64);
    expect(rowSplits(131072, 300)).toBe(1);
  });
});
