import * as tf from '@tensorflow/tfjs-core';
import { geometryOf, runConvGemm } from './conv-gemm';

/**
 * Conv2DBackpropFilter (NHWC) as an implicit GEMM with split-K: dW[taps*inC, outC] =
 * x^T dy over batch*outPixels. The stock kernel runs one thread per weight, each looping
 * over every batch pixel. Returns undefined (the caller runs the stock kernel) for NCHW.
 */
export function conv2DBackpropFilterGemm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo | undefined {
  const { x, dy } = args.inputs as unknown as tf.Conv2DBackpropFilterInputs & Record<'x' | 'dy', tf.TensorInfo>;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return runConvGemm('filter', geometryOf(info, false), x, dy, [...attrs.filterShape], args.backend);
}
