import * as tf from '@tensorflow/tfjs-core';
import type { AttackNorm } from './options';

/**
 * The geometry of one threat model. Norms are taken per frame: over H, W and C of each
 * image, and of each frame of a clip, so for clips the same eps bounds every frame
 * (for L-inf that is simply every value). Every function here returns a new tensor and
 * leaves its arguments alone; call them inside tf.tidy.
 */

/** Rows of one frame each: [N, H, W, C] -> [N, HWC]; [N, T, H, W, C] -> [N*T, HWC]. */
function frameRows(x: tf.Tensor): tf.Tensor2D {
  const perFrame = x.shape.slice(-3).reduce((a, b) => a * b, 1);
  return tf.reshape(x, [-1, perFrame]);
}

function frameNorms(rows: tf.Tensor2D): tf.Tensor2D {
  return tf.sqrt(tf.sum(tf.square(rows), 1, true)) as tf.Tensor2D;
}

/** A random perturbation: uniform in [-eps, eps] per value (L-inf), or uniform in each frame's L2 ball. */
export function randomPerturbation(norm: AttackNorm, shape: number[], eps: number, seed: number): tf.Tensor {
  if (norm === 'linf') return tf.randomUniform(shape, -eps, eps, 'float32', seed);
  const dims = shape.slice(-3).reduce((a, b) => a * b, 1);
  const count = shape.reduce((a, b) => a * b, 1) / dims;
  // Uniform in the d-ball: an isotropic direction (normalised Gaussian) at radius eps * u^(1/d).
  const direction: tf.Tensor2D = tf.randomNormal([count, dims], 0, 1, 'float32', seed);
  const unit = tf.div(direction, tf.maximum(frameNorms(direction), 1e-12));
  const radius = tf.mul(eps, tf.pow(tf.randomUniform([count, 1], 0, 1, 'float32', seed ^ 0x5bd1e995), 1 / dims));
  return tf.reshape(tf.mul(unit, radius), shape);
}

/** The steepest-ascent step of length `stepSize`: sign(g) (L-inf) or g / ||g|| per frame (L2). */
export function ascentStep(norm: AttackNorm, gradient: tf.Tensor, stepSize: number): tf.Tensor {
  if (norm === 'linf') return tf.mul(tf.sign(gradient), stepSize);
  const rows = frameRows(gradient);
  return tf.reshape(tf.mul(tf.div(rows, tf.maximum(frameNorms(rows), 1e-12)), stepSize), gradient.shape);
}

/** The nearest point of the eps-ball around `centre` (per value for L-inf, per frame for L2). */
export function projectToBall(norm: AttackNorm, x: tf.Tensor, centre: tf.Tensor, eps: number): tf.Tensor {
  const delta = tf.sub(x, centre);
  if (norm === 'linf') return tf.add(centre, tf.clipByValue(delta, -eps, eps));
  const rows = frameRows(delta);
  const scale = tf.minimum(1, tf.div(eps, tf.maximum(frameNorms(rows), 1e-12)));
  return tf.add(centre, tf.reshape(tf.mul(rows, scale), x.shape));
}

/** Per frame, the size of the perturbation in the attack's norm: [N] for images, [N, T] for clips. */
export function perturbationSize(norm: AttackNorm, adversarial: tf.Tensor, clean: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const rows = frameRows(tf.sub(adversarial, clean));
    const size = norm === 'linf' ? tf.max(tf.abs(rows), 1) : tf.squeeze(frameNorms(rows), [1]);
    return tf.reshape(size, adversarial.shape.slice(0, adversarial.rank - 3));
  });
}
