import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelConfigError } from './errors';
import { countTrainableParams, createModel, listModels, resolveModel } from './registry';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('model registry', () => {
  it('builds wrn-40-4 (10 classes) with the 8,949,210 trainable parameters of the reference PyTorch model', () => {
    const model = createModel('wrn-40-4', { numClasses: 10 });
    expect(countTrainableParams(model)).toBe(8_949_210);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it("builds r3d-18 (101 classes) with the 33,218,085 trainable parameters of torchvision's r3d_18", () => {
    const model = createModel('r3d-18', { numClasses: 101 });
    expect(countTrainableParams(model)).toBe(33_218_085);
    expect(model.inputs[0].shape).toEqual([null, 16, 112, 112, 3]);
    model.dispose();
  });

  it('counts the small variants as PyTorch does (wrn-16-2: 691,674; wrn-10-1: 77,850)', () => {
    expect(countTrainableParams(createModel('wrn-16-2', { numClasses: 10 }))).toBe(691_674);
    expect(countTrainableParams(createModel('wrn-10-1', { numClasses: 10 }))).toBe(77_850);
  });

  it('keeps running statistics out of the trainable list', () => {
    const model = createModel('r3d-tiny', { numClasses: 3, inputShape: [4, 16, 16, 3] });
    const names = model.trainableWeights.map((w) => w.originalName);
    expect(names.some((n) => n.includes('running'))).toBe(false);
    expect(model.nonTrainableWeights.every((w) => /running_(mean|var)$/.test(w.originalName))).toBe(true);
  });

  it('initialises like the reference: conv N(0, sqrt(2/fan_out)), BN 1/0, linear bias 0, seeded', () => {
    const a = createModel('wrn-16-2', { numClasses: 10, initSeed: 1 });
    const kernel = a.getLayer('block2.layer.0.conv2').getWeights()[0]; // 3x3x64x64, fan_out 576
    const { mean, variance } = tf.moments(kernel);
    expect(Math.abs(mean.dataSync()[0])).toBeLessThan(0.003);
    expect(Math.sqrt(variance.dataSync()[0])).toBeCloseTo(Math.sqrt(2 / 576), 2);
    const fc = a.getLayer('fc').getWeights();
    const bound = 1 / Math.sqrt(128);
    expect(tf.max(tf.abs(fc[0])).dataSync()[0]).toBeLessThanOrEqual(bound);
    expect(tf.max(tf.abs(fc[1])).dataSync()[0]).toBe(0);
    const [gamma, beta] = a.getLayer('bn1').getWeights();
    expect([...gamma.dataSync()].every((v) => v === 1) && [...beta.dataSync()].every((v) => v === 0)).toBe(true);

    const same = createModel('wrn-16-2', { numClasses: 10, initSeed: 1 });
    const other = createModel('wrn-16-2', { numClasses: 10, initSeed: 2 });
    const bytes = (m: typeof a): Buffer => Buffer.from(m.getLayer('conv1').getWeights()[0].dataSync().buffer);
    expect(bytes(a).equals(bytes(same))).toBe(true);
    expect(bytes(a).equals(bytes(other))).toBe(false);
  });

  it('initialises r3d like torchvision: fc N(0, 0.01)', () => {
    const model = createModel('r3d-small', { numClasses: 50, inputShape: [4, 32, 32, 3] });
    const { variance } = tf.moments(model.getLayer('fc').getWeights()[0]);
    expect(Math.sqrt(variance.dataSync()[0])).toBeCloseTo(0.01, 3);
  });

  it('pads like PyTorch: stride-2 convolutions get explicit symmetric padding', () => {
    const wrn = createModel('wrn-10-1', { numClasses: 10 });
    expect(wrn.getLayer('block2.layer.0.conv1.pad').outputShape).toEqual([null, 34, 34, 16]);
    expect(wrn.getLayer('block2.layer.0.conv1').outputShape).toEqual([null, 16, 16, 32]);
    const r3d = createModel('r3d-tiny', { numClasses: 10, inputShape: [8, 32, 32, 3] });
    expect(r3d.getLayer('stem.0.pad').outputShape).toEqual([null, 10, 38, 38, 3]);
    expect(r3d.getLayer('stem.0').outputShape).toEqual([null, 8, 16, 16, 8]);
    expect(r3d.getLayer('layer4.0.conv1.0').outputShape).toEqual([null, 1, 2, 2, 64]);
  });

  it('accepts any input size with null dimensions (global pooling)', () => {
    const model = createModel('wrn-10-1', { numClasses: 3, inputShape: [null, null, 3] });
    const logits = model.predict(tf.zeros([2, 12, 20, 3])) as tf.Tensor;
    expect(logits.shape).toEqual([2, 3]);
  });

  it('rejects bad names and options with a message that says what is allowed', () => {
    expect(() => resolveModel('resnet-50')).toThrow(ModelConfigError);
    expect(() => resolveModel('resnet-50')).toThrow(/wrn-<depth>-<widen>.*r3d-18/);
    expect(() => resolveModel('wrn-12-2')).toThrow(/depth 6n \+ 4/);
    expect(() => createModel('wrn-10-1', { numClasses: 0 })).toThrow(/numClasses/);
    expect(() => createModel('wrn-10-1', { numClasses: 2, dropRate: 1 })).toThrow(/dropRate/);
    expect(() => createModel('wrn-10-1', { numClasses: 2, inputShape: [32, 32, 1] })).toThrow(/\[height, width, 3\]/);
    expect(() => createModel('r3d-tiny', { numClasses: 2, inputShape: [32, 32, 3] })).toThrow(/\[frames, height, width, 3\]/);
    expect(() => createModel('r3d-tiny', { numClasses: 2, dropRate: 0.3 })).toThrow(/no dropout/);
    expect(listModels().map((m) => m.name)).toEqual(expect.arrayContaining(['wrn-40-4', 'wrn-16-2', 'wrn-10-1', 'r3d-18', 'r3d-tiny']));
  });
});
