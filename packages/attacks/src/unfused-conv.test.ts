import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferenceLogits, inputGradient, perExampleCrossEntropy } from './index';
import { useCpu } from './testing/tiny-task';

beforeAll(useCpu);

describe('attack gradients through tfjs-layers convolutions', () => {
  it('compute no filter gradient, give the fused path’s values, and put tf.fused.conv2d back', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, useBias: false, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 3 }),
      ],
    });
    const logits = inferenceLogits(model);
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 1);
    const labels = tf.tensor1d([0, 2], 'int32');
    const original = tf.fused.conv2d;
    const fusedGradient = (t: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(perExampleCrossEntropy(logits(u), labels)))(t);

    // tfjs's fused conv2d gradient computes the filter's too: what the attacks avoid.
    const fusedProfile = await tf.profile(() => fusedGradient(x));
    expect(fusedProfile.kernelNames).toContain('Conv2DBackpropFilter');
    const ours = await tf.profile(() => inputGradient(logits, x, labels));
    expect(ours.kernelNames).toContain('Conv2DBackpropInput');
    expect(ours.kernelNames).not.toContain('Conv2DBackpropFilter');

    const expected = fusedGradient(x).dataSync();
    const actual = inputGradient(logits, x, labels).dataSync();
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i])));
    expect(worst).toBeLessThan(1e-6);
    expect(Math.max(...Array.from(actual, Math.abs))).toBeGreaterThan(1e-4);
    expect(tf.fused.conv2d).toBe(original);
  });
});
