import * as tf from '@tensorflow/tfjs-core';
import { geometryOf, runConvGemm } from './conv-gemm';

/** Conv3DBackpropInputV2 (NDHWC) as a tiled GEMM over taps*outC. The stock kernel loops per input value. */
export function conv3DBackpropInputGemm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo | undefined {
  const { dy, filter } = args.inputs as Record<'dy' | 'filter', tf.TensorInfo>;
  const attrs = args.attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computeConv3DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
  );
  return runConvGemm('input', geometryOf(info, true), dy, filter, [...attrs.inputShape], args.backend);
}
