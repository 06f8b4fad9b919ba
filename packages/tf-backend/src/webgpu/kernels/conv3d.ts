import * as tf from '@tensorflow/tfjs-core';
import { geometryOf, runConvGemm } from './conv-gemm';

/** Conv3D (NDHWC) as an implicit GEMM: y[batch*outPixels, outC] = x (gathered per tap) W. The stock kernel is a naive loop per output. */
export function conv3DGemm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo | undefined {
  const { x, filter } = args.inputs as Record<'x' | 'filter', tf.TensorInfo>;
  const attrs = args.attrs as unknown as tf.Conv3DAttrs;
  if (attrs.dataFormat === 'NCDHW' || x.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    filter.shape as [number, number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
  );
  return runConvGemm('forward', geometryOf(info, true), x, filter, [...info.outShape], args.backend);
}
