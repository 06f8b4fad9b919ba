import * as tf from '@tensorflow/tfjs-core';

type FusedConv2d = typeof tf.fused.conv2d;
type FusedConv2dArgs = Parameters<FusedConv2d>[0];

/** The same computation as tf.fused.conv2d from plain ops, for the activations layers use; undefined for others. */
function plainConv2d(args: FusedConv2dArgs): tf.Tensor4D | tf.Tensor3D | undefined {
  const { x, filter, strides, pad, dataFormat, dilations, dimRoundingMode, bias, activation = 'linear' } = args;
  if (activation !== 'linear' && activation !== 'relu') return undefined;
  let y = tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, strides, pad, dataFormat, dilations, dimRoundingMode);
  if (bias != null) y = tf.add(y, bias);
  return activation === 'relu' ? tf.relu(y) : y;
}

/**
 * Runs `f` (synchronous: a gradient computation) with tf.fused.conv2d — what tfjs-layers'
 * Conv2D calls — computed by plain conv2d, bias add and activation. Inside a gradient the
 * fused op is one custom gradient that returns the filter's (and bias's) gradient along with
 * the input's; an attack asks only for the input's, and the filter gradient is the costliest
 * kernel there is. The plain ops' gradients are per input, and the tape prunes them to the
 * path from the input. Values are the same convolution. Where tf.fused cannot be replaced
 * (a read-only module namespace), `f` runs as it is.
 */
export function withUnfusedConv2d<T>(f: () => T): T {
  const fused = tf.fused as { conv2d: FusedConv2d };
  const original = fused.conv2d;
  const replacement = ((args: FusedConv2dArgs) => plainConv2d(args) ?? original(args)) as FusedConv2d;
  try {
    fused.conv2d = replacement;
  } catch {
    return f();
  }
  if (fused.conv2d !== replacement) return f();
  try {
    return f();
  } finally {
    fused.conv2d = original;
  }
}
