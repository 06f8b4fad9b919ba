import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A tiny synthetic task for the attack tests: 8x8 RGB images in [0, 1] whose class is the
 * brighter part (0: left half, 1: right half, 2: top half), with noise, and a small
 * net with batch-norm trained on it for a few epochs on the cpu backend.
 */
export const size = 8;
export const classes = 3;

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function makeData(count: number, seed: number): { images: tf.Tensor4D; labels: tf.Tensor1D } {
  return tf.tidy(() => {
    const labels = tf.randomUniform([count], 0, classes, 'int32', seed) as tf.Tensor1D;
    const col = tf.reshape(tf.range(0, size), [1, 1, size, 1]);
    const row = tf.reshape(tf.range(0, size), [1, size, 1, 1]);
    const full = [1, size, size, 1];
    const left = tf.broadcastTo(tf.cast(tf.less(col, size / 2), 'float32'), full);
    const top = tf.broadcastTo(tf.cast(tf.less(row, size / 2), 'float32'), full);
    const masks = tf.stack([left, tf.sub(1, left), top]); // [3, 1, H, W, 1]
    const chosen = tf.reshape(tf.gather(masks, labels), [count, size, size, 1]);
    const base = tf.randomUniform([count, 1, 1, 1], 0.3, 0.6, 'float32', seed + 1);
    const contrast = tf.randomUniform([count, 1, 1, 1], 0.05, 0.25, 'float32', seed + 2);
    const noise = tf.randomUniform([count, size, size, 3], -0.1, 0.1, 'float32', seed + 3);
    const images = tf.clipByValue(tf.add(tf.add(base, tf.mul(chosen, contrast)), noise), 0, 1) as tf.Tensor4D;
    return { images, labels };
  });
}

/**
 * flatten -> dense 16 -> batch-norm -> relu -> dense 3. Dense rather than conv: on the cpu
 * backend a layers conv2d's gradient also computes its (slow, naive) filter gradient, which
 * an input gradient does not need, and the tests must stay fast.
 */
export function buildModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [size, size, 3] }));
  model.add(tfl.layers.dense({ units: 16, kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.dense({ units: classes, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

export async function trainedModel(): Promise<tfl.Sequential> {
  const model = buildModel();
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  const { images, labels } = makeData(384, 11);
  const normalized = tf.tidy(() => tf.sub(tf.mul(images, 2), 1));
  await model.fit(normalized, tf.cast(labels, 'float32'), { epochs: 15, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([images, labels, normalized]);
  return model;
}
