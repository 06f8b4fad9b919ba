import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs-core's gradients (tfjs-core's node bundle has none).
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { inputGradient, perExampleCrossEntropy, type LogitsFunction } from './index';

// The stock wasm backend too: its OneHot once zeroed every attack gradient there (the
// float32 one-hot held integer bits), while the cpu backend was right.
describe.each(['cpu', 'wasm'])('input gradient on the %s backend', (backend) => {
  it('agrees with central finite differences on a tiny conv model', async () => {
    await tf.setBackend(backend);
    await tf.ready();
    // A hand-written model: 3x3 conv (2 filters) -> tanh -> dense to 3 classes, with the
    // project's 2x - 1 input normalisation. Weights and input are fixed pseudo-random values.
    const filter = tf.randomNormal([3, 3, 3, 2], 0, 0.5, 'float32', 1) as tf.Tensor4D;
    const dense = tf.randomNormal([4 * 4 * 2, 3], 0, 0.5, 'float32', 2) as tf.Tensor2D;
    const logits: LogitsFunction = (x) =>
      tf.matMul(tf.reshape(tf.tanh(tf.conv2d(tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D, filter, 1, 'same')), [x.shape[0], -1]), dense);
    const input = tf.randomUniform([2, 4, 4, 3], 0.2, 0.8, 'float32', 3);
    const labels = tf.tensor1d([0, 2], 'int32');
    const analytic = inputGradient(logits, input, labels).dataSync();
    const values = input.dataSync() as Float32Array;
    const loss = (data: Float32Array) =>
      tf.tidy(() => tf.sum(perExampleCrossEntropy(logits(tf.tensor(data, input.shape)), labels)).dataSync()[0]);
    const h = 1e-2;
    let worst = 0;
    for (let i = 0; i < values.length; i++) {
      const up = values.slice();
      const down = values.slice();
      up[i] += h;
      down[i] -= h;
      const numeric = (loss(up) - loss(down)) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1, Math.abs(analytic[i])));
    }
    expect(worst).toBeLessThan(2e-3);
    // And the gradient is not trivially zero.
    expect(Math.max(...Array.from(analytic, Math.abs))).toBeGreaterThan(0.05);
    tf.dispose([filter, dense, input, labels]);
  });
});
