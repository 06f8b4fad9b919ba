import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm } from './batch-norm';
import { dropoutMask } from './dropout-mask';
import { GlobalAveragePooling3D } from './global-average-pooling-3d';
import { DropoutSeedError, SeededDropout } from './seeded-dropout';
import { ZeroPadding3D } from './zero-padding-3d';

beforeAll(async () => {
  await initBackend('cpu');
});

function built<T extends tfl.layers.Layer>(layer: T, shape: number[]): T {
  layer.apply(tfl.input({ shape: shape.slice(1) }));
  return layer;
}

describe('BatchNorm (PyTorch semantics, any rank)', () => {
  it('normalises rank-5 clips per channel with batch statistics and updates running stats as PyTorch does', () => {
    const x = tf.randomNormal([2, 3, 4, 4, 5], 3, 2, 'float32', 11);
    const bn = built(new BatchNorm({ name: 'bn' }), x.shape);
    const y = bn.apply(x, { training: true }) as tf.Tensor;
    const flat = tf.reshape(y, [-1, 5]);
    const { mean, variance } = tf.moments(flat, 0);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 3);
    // running = 0.9 * running + 0.1 * batch, with the unbiased variance.
    const xs = tf.moments(tf.reshape(x, [-1, 5]), 0);
    const n = x.size / 5;
    const [runMean, runVar] = bn.getWeights().slice(2).map((w) => w.dataSync());
    xs.mean.dataSync().forEach((m, i) => expect(runMean[i]).toBeCloseTo(0.1 * m, 5));
    xs.variance.dataSync().forEach((v, i) => expect(runVar[i]).toBeCloseTo(0.9 + (0.1 * v * n) / (n - 1), 5));
  });

  it('uses the running statistics outside training, with epsilon 1e-5', () => {
    const bn = built(new BatchNorm({ name: 'bn' }), [1, 2, 2, 2, 2]);
    bn.setWeights([tf.tensor1d([2, 3]), tf.tensor1d([1, -1]), tf.tensor1d([0.5, -0.5]), tf.tensor1d([4, 0.25])]);
    const x = tf.tensor5d([1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2, 2]);
    const y = (bn.apply(x) as tf.Tensor).dataSync();
    const xv = x.dataSync();
    for (let i = 0; i < xv.length; i++) {
      const c = i % 2;
      const expected = [2, 3][c] * ((xv[i] - [0.5, -0.5][c]) / Math.sqrt([4, 0.25][c] + 1e-5)) + [1, -1][c];
      expect(y[i]).toBeCloseTo(expected, 4);
    }
  });

  it('has the gradient of the composed elementary ops (closed-form backward)', () => {
    const x = tf.randomNormal([3, 2, 2, 4], 1, 3, 'float32', 5);
    const gamma = tf.tensor1d([0.5, 1.5, -1, 2]);
    const beta = tf.tensor1d([0.1, 0.2, 0.3, 0.4]);
    const bn = built(new BatchNorm({ name: 'bn' }), x.shape);
    bn.setWeights([gamma, beta, tf.zeros([4]), tf.ones([4])]);
    const w = tf.randomNormal(x.shape, 0, 1, 'float32', 6);
    const ours = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(bn.apply(a, { training: true }) as tf.Tensor, w)))([x])[0];
    const reference = tf.grads((a: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      const y = tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
      return tf.sum(tf.mul(y, w));
    })([x])[0];
    const diff = tf.max(tf.abs(tf.sub(ours, reference))).dataSync()[0];
    expect(diff).toBeLessThan(1e-4);
  });

  it('refuses training-mode statistics from a single value per channel', () => {
    const bn = built(new BatchNorm({ name: 'bn' }), [1, 4]);
    expect(() => bn.apply(tf.ones([1, 4]), { training: true })).toThrow(/more than one value per channel/);
  });
});

describe('SeededDropout', () => {
  it('drops about `rate` of the elements, scales the rest by 1/(1-rate), and is a function of the seed', () => {
    const drop = built(new SeededDropout({ rate: 0.3, name: 'drop' }), [1, 100, 100, 4]);
    const x = tf.ones([1, 100, 100, 4]);
    const a = (drop.apply(x, { training: true, dropoutSeed: 7 }) as tf.Tensor).dataSync();
    const b = (drop.apply(x, { training: true, dropoutSeed: 7 }) as tf.Tensor).dataSync();
    const c = (drop.apply(x, { training: true, dropoutSeed: 8 }) as tf.Tensor).dataSync();
    const zeros = a.filter((v) => v === 0).length / a.length;
    expect(zeros).toBeGreaterThan(0.29);
    expect(zeros).toBeLessThan(0.31);
    expect(new Set(a)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('draws different masks in differently named layers for the same step seed', () => {
    expect(dropoutMask(64, 0.5, 1)).not.toEqual(dropoutMask(64, 0.5, 2));
    const one = built(new SeededDropout({ rate: 0.5, name: 'one' }), [1, 64]);
    const two = built(new SeededDropout({ rate: 0.5, name: 'two' }), [1, 64]);
    const x = tf.ones([1, 64]);
    expect((one.apply(x, { training: true, dropoutSeed: 3 }) as tf.Tensor).dataSync()).not.toEqual(
      (two.apply(x, { training: true, dropoutSeed: 3 }) as tf.Tensor).dataSync(),
    );
  });

  it('is the identity outside training and demands a seed in training', () => {
    const drop = built(new SeededDropout({ rate: 0.5, name: 'drop' }), [1, 8]);
    const x = tf.reshape(tf.range(0, 8), [1, 8]);
    expect((drop.apply(x) as tf.Tensor).dataSync()).toEqual(x.dataSync());
    expect(() => drop.apply(x, { training: true })).toThrow(DropoutSeedError);
    expect(() => new SeededDropout({ rate: 1 })).toThrow(/\[0, 1\)/);
  });
});

describe('ZeroPadding3D and GlobalAveragePooling3D', () => {
  it('pad depth/height/width symmetrically and average them away', () => {
    const x = tf.ones([2, 1, 2, 3, 4]);
    const pad = built(new ZeroPadding3D({ padding: [[1, 1], [0, 2], [3, 0]], name: 'pad' }), x.shape);
    const padded = pad.apply(x) as tf.Tensor;
    expect(padded.shape).toEqual([2, 3, 4, 6, 4]);
    expect(tf.sum(padded).dataSync()[0]).toBe(x.size);
    const pool = built(new GlobalAveragePooling3D({ name: 'gap' }), padded.shape);
    const pooled = pool.apply(padded) as tf.Tensor;
    expect(pooled.shape).toEqual([2, 4]);
    expect(pooled.dataSync()[0]).toBeCloseTo(6 / 72, 6);
  });

  it('survive a tfjs serialization round trip as part of a model', async () => {
    const input = tfl.input({ shape: [4, 4, 4, 3] });
    let y = new ZeroPadding3D({ padding: [[1, 1], [1, 1], [1, 1]], name: 'pad' }).apply(input) as tfl.SymbolicTensor;
    y = new BatchNorm({ name: 'bn', momentum: 0.2, epsilon: 1e-3 }).apply(y) as tfl.SymbolicTensor;
    y = new SeededDropout({ rate: 0.25, name: 'drop' }).apply(y) as tfl.SymbolicTensor;
    y = new GlobalAveragePooling3D({ name: 'gap' }).apply(y) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: y });
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toEqual([
      'InputLayer',
      'VpixmixZeroPadding3D',
      'VpixmixBatchNorm',
      'VpixmixSeededDropout',
      'VpixmixGlobalAveragePooling3D',
    ]);
    const rebuilt = (await tfl.models.modelFromJSON({ modelTopology: json } as unknown as tf.io.ModelJSON)) as tfl.LayersModel;
    const bn = rebuilt.getLayer('bn') as BatchNorm;
    expect([bn.momentum, bn.epsilon]).toEqual([0.2, 1e-3]);
    expect((rebuilt.getLayer('drop') as SeededDropout).rate).toBe(0.25);
    expect(rebuilt.outputs[0].shape).toEqual([null, 3]);
  });
});
