import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { deriveSeed } from '../seeds';

/** How a fully connected layer's kernel starts. */
export type LinearInit =
  /** PyTorch's nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  | { kind: 'torch-default' }
  | { kind: 'normal'; std: number };

function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

/**
 * The initialisation the reference models use: every convolution kernel
 * N(0, sqrt(2 / fan_out)) (Kaiming normal, fan_out, ReLU gain) with fan_out = out * kernel
 * volume; batch norm weight 1, bias 0 (as built); linear bias 0 and kernel per `linear`.
 * Each kernel's draw is seeded by (seed, its weight name), so it does not depend on
 * construction order or on anything else in the process.
 */
export function initializeWeights(model: tfl.LayersModel, seed: number, linear: LinearInit): void {
  for (const layer of model.layers) {
    const className = layer.getClassName();
    for (const weight of layer.weights) {
      if (!weight.originalName.endsWith('/kernel')) continue;
      const shape = weight.shape as number[];
      const drawSeed = deriveSeed(seed, weight.originalName);
      let value: tf.Tensor | null = null;
      if (className === 'Conv2D' || className === 'Conv3D') {
        const fanOut = shape[shape.length - 1] * product(shape.slice(0, -2));
        value = tf.randomNormal(shape, 0, Math.sqrt(2 / fanOut), 'float32', drawSeed);
      } else if (className === 'Dense') {
        const bound = 1 / Math.sqrt(shape[0]);
        value =
          linear.kind === 'normal'
            ? tf.randomNormal(shape, 0, linear.std, 'float32', drawSeed)
            : tf.randomUniform(shape, -bound, bound, 'float32', drawSeed);
      }
      if (value) {
        weight.write(value);
        value.dispose();
      }
    }
  }
}
