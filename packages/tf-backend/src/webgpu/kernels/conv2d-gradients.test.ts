import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWebGpuWithCpu, compiledShaderKeys, startWebGpuForTests, testValues } from './webgpu-test-utils';


type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const cases: Case[] = [
  // odd channels (scalar loads), batch 2, split-K over 2*9*9 pixels
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [1, 9, 8, 5], filter: [3, 3, 5, 7], strides: 2, pad: 'valid' },
  { x: [2, 8, 7, 3], filter: [3, 3, 3, 6], strides: 2, pad: 'same' },
  // explicit padding, asymmetric; channels multiple of 4 (vec4 loads and stores)
  { x: [2, 7, 6, 4], filter: [3, 2, 4, 8], strides: [1, 2], pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
  { x: [1, 8, 8, 8], filter: [3, 3, 8, 4], strides: 2, pad: 'same' },
  // 1x1 stride-2 shortcut (as in the Wide ResNets), and a tiny K (no split)
  { x: [2, 6, 6, 4], filter: [1, 1, 4, 12], strides: 2, pad: 'valid' },
  { x: [1, 3, 3, 2], filter: [2, 2, 2, 3], strides: 1, pad: 'valid' },
];

const label = (c: Case) => `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${c.strides}, pad ${JSON.stringify(c.pad)}`;

describe('webgpu Conv2DBackpropFilter (split-K implicit GEMM) and Conv2DBackpropInput (GEMM) match the cpu backend', () => {
  let skip: string | undefined;
  beforeAll(async () => {
    skip = await startWebGpuForTests();
  }, 120_000);

  for (const c of cases) {
    it(`gradients of conv2d: ${label(c)}`, async (context) => {
      if (skip) context.skip(skip);
      const errors = await compareWebGpuWithCpu(() => {
        const x = tf.tensor4d(testValues(tf.util.sizeFromShape(c.x), 21), c.x);
        const w = tf.tensor4d(testValues(tf.util.sizeFromShape(c.filter), 22), c.filter);
        const forward = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
        const y = forward(x, w);
        const dy = tf.tensor(testValues(y.size, 23), y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(a, b), dy)))([x, w]);
        return [dx, dw];
      });
      expect(errors[0]).toBeLessThan(1e-4);
      expect(errors[1]).toBeLessThan(1e-4);
    });
  }

  it('variable gradients of a conv layer through tf.variableGrads match, and the project programs ran', async (context) => {
    if (skip) context.skip(skip);
    const errors = await compareWebGpuWithCpu(() => {
      const w = tf.variable(tf.tensor4d(testValues(3 * 3 * 5 * 6, 31), [3, 3, 5, 6]));
      const x = tf.tensor4d(testValues(2 * 10 * 10 * 5, 32), [2, 10, 10, 5]);
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.conv2d(x, w, 1, 'same'))), [w]);
      const out = [value, grads[w.name]];
      w.dispose();
      return out;
    });
    expect(errors[0]).toBeLessThan(1e-4);
    expect(errors[1]).toBeLessThan(1e-4);
    const keys = compiledShaderKeys();
    expect(keys.some((k) => k.startsWith('vpixmixConvGemm_filter_false'))).toBe(true);
    expect(keys.some((k) => k.startsWith('vpixmixConvGemm_input_false'))).toBe(true);
    expect(keys.some((k) => k.startsWith('vpixmixSplitSum'))).toBe(true);
  });
});
