import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWebGpuWithCpu, compiledShaderKeys, startWebGpuForTests, testValues } from './webgpu-test-utils';


interface Case {
  x: [number, number, number, number, number];
  filter: [number, number, number, number, number];
  strides: number | [number, number, number];
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  // odd channels, batch 2
  { x: [2, 4, 6, 6, 3], filter: [3, 3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [1, 5, 7, 6, 3], filter: [3, 3, 3, 3, 2], strides: 2, pad: 'same' },
  { x: [1, 5, 6, 6, 2], filter: [2, 3, 3, 2, 3], strides: [2, 1, 2], pad: 'valid' },
  // channels multiple of 4: vec4 loads and stores; a 1x1x1 stride-2 shortcut
  { x: [2, 4, 6, 6, 4], filter: [3, 3, 3, 4, 8], strides: [1, 2, 2], pad: 'same' },
  { x: [2, 4, 4, 4, 4], filter: [1, 1, 1, 4, 8], strides: 2, pad: 'valid' },
];

const label = (c: Case) => `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${c.strides}, pad ${c.pad}`;

describe('webgpu Conv3D, Conv3DBackpropFilterV2 and Conv3DBackpropInputV2 (implicit GEMMs) match the cpu backend', () => {
  let skip: string | undefined;
  beforeAll(async () => {
    skip = await startWebGpuForTests();
  }, 120_000);

  for (const c of cases) {
    it(`conv3d and its gradients: ${label(c)}`, async (context) => {
      if (skip) context.skip(skip);
      const errors = await compareWebGpuWithCpu(() => {
        const x = tf.tensor5d(testValues(tf.util.sizeFromShape(c.x), 11), c.x);
        const w = tf.tensor5d(testValues(tf.util.sizeFromShape(c.filter), 12), c.filter);
        const forward = (a: tf.Tensor, b: tf.Tensor) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad);
        const y = forward(x, w);
        const dy = tf.tensor(testValues(y.size, 13), y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(a, b), dy)))([x, w]);
        return [y, dx, dw];
      });
      for (const e of errors) expect(e).toBeLessThan(1e-4);
    });
  }

  it('a dilated Conv3D forward (dilations 2,1,2) matches, and the project programs ran', async (context) => {
    if (skip) context.skip(skip);
    const errors = await compareWebGpuWithCpu(() => {
      const x = tf.tensor5d(testValues(1 * 7 * 7 * 7 * 3, 14), [1, 7, 7, 7, 3]);
      const w = tf.tensor5d(testValues(3 * 3 * 3 * 3 * 5, 15), [3, 3, 3, 3, 5]);
      return [tf.conv3d(x, w, 1, 'same', 'NDHWC', [2, 1, 2]), tf.conv3d(x, w, 1, 'valid', 'NDHWC', [2, 2, 2])];
    });
    for (const e of errors) expect(e).toBeLessThan(1e-4);
    const keys = compiledShaderKeys();
    for (const kind of ['forward', 'filter', 'input']) expect(keys.some((k) => k.startsWith(`vpixmixConvGemm_${kind}_true`))).toBe(true);
  });
});
