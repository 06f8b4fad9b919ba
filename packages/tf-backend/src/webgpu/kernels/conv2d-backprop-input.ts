import * as tf from '@tensorflow/tfjs-core';
import { geometryOf, runConvGemm } from './conv-gemm';

/**
 * Conv2DBackpropInput (NHWC) as a tiled GEMM: dx[batch*inPixels, inC] = dy (gathered per
 * tap) W^T over taps*outC. The stock tiled path sits behind WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE;
 * its default is one thread per input value. Returns undefined for NCHW.
 */
export function conv2DBackpropInputGemm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo | undefined {
  const { dy, filter } = args.inputs as Record<'dy' | 'filter', tf.TensorInfo>;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (attrs.dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return runConvGemm('input', geometryOf(info, false), dy, filter, [...attrs.inputShape], args.backend);
}
