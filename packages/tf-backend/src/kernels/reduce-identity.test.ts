import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, onBackend, testValues } from './kernel-test-utils';
import { sumRows } from './reduce-leading';

describe('wasm Sum / Mean over leading axes', () => {
  const x = () => tf.tensor(testValues(6 * 5 * 4 * 3, 21), [6, 5, 4, 3]);
  const variants: [string, (t: tf.Tensor) => tf.Tensor][] = [
    ['sum axis 0', (t) => tf.sum(t, 0)],
    ['sum axes 0,1,2', (t) => tf.sum(t, [0, 1, 2])],
    ['sum axes 1,0 keepDims', (t) => tf.sum(t, [1, 0], true)],
    ['mean axis 0', (t) => tf.mean(t, 0)],
    ['mean axes 0,1,2 keepDims', (t) => tf.mean(t, [0, 1, 2], true)],
    ['sum inner axis (stock path)', (t) => tf.sum(t, 3)],
    ['mean all axes (stock path)', (t) => tf.mean(t)],
    ['sum of axes 0 and 2 (stock path)', (t) => tf.sum(t, [0, 2])],
  ];
  for (const [name, f] of variants) {
    it(`${name} matches the cpu backend, values and gradient`, async () => {
      const error = await compareWithCpu(() => {
        const input = x();
        const value = f(input);
        const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), 1.5)))(input);
        return [value, grad];
      });
      expect(error).toBeLessThan(1e-5);
    });
  }

  it('int32 sums keep their dtype (stock path)', async () => {
    const [values] = await onBackend('wasm', () => tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0));
    expect(Array.from(values)).toEqual([4, 6]);
  });

  it('sumRows accumulates in float64', () => {
    const rows = 100_000;
    const src = new Float32Array(rows).fill(0.1);
    const out = new Float32Array(1);
    sumRows(src, rows, 1, out);
    expect(out[0]).toBeCloseTo(rows * Math.fround(0.1), 0);
  });
});

describe('wasm Identity shares the buffer', () => {
  it('clone gives equal values, survives disposing the source, and frees memory with the last reference', async () => {
    await onBackend('wasm', () => tf.zeros([1]));
    const before = tf.memory().numBytes;
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });
});
