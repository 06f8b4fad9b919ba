import * as tf from '@tensorflow/tfjs-core';
import { geometryOf, runConvGemm } from './conv-gemm';

/** Conv3DBackpropFilterV2 (NDHWC) as an implicit GEMM with split-K over batch*outPixels. The stock kernel loops per weight. */
export function conv3DBackpropFilterGemm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo | undefined {
  const { x, dy } = args.inputs as Record<'x' | 'dy', tf.TensorInfo>;
  const attrs = args.attrs as unknown as tf.Conv3DBackpropFilterV2Attrs;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
  );
  return runConvGemm('filter', geometryOf(info, true), x, dy, [...attrs.filterShape], args.backend);
}
