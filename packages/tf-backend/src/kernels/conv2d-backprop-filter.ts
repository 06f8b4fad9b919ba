import * as tf from '@tensorflow/tfjs-core';
import { type Conv2DGeometry, planarGeometry } from './conv-geometry';
import { type TensorInfo, type WasmBackend, callKernel, conv2dForward, heapF32, release, transpose } from './wasm-context';

/**
 * Output pixels a chunk of the batch may hold: the "filter" of the gradient convolution is dy
 * (oh*ow*N taps), which XNNPACK re-reads for every block of output rows; past ~16K taps it
 * no longer stays in cache (measured: chunks of 16 images at 32x32 are ~20% faster than 64).
 */
const maxChunkPixels = 16_384;

/**
 * dW of a (dilation-1) NHWC convolution as forward convolutions: the input with its
 * channels as the batch ([C, H, W, N]), filtered by dy ([oh, ow, N, outC]) dilated by the
 * stride, gives [C, fh, fw, outC]; a transpose makes it [fh, fw, C, outC]. Large batches go
 * in chunks whose results are summed.
 */
export function conv2dFilterGradient(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: Conv2DGeometry): TensorInfo {
  const [batch, dyH, dyW] = dy.shape;
  const chunks = Math.min(batch, Math.ceil((batch * dyH * dyW) / maxChunkPixels));
  if (chunks <= 1) return filterGradientOnce(backend, x, dy, g);
  const size = Math.ceil(batch / chunks);
  let total: TensorInfo | undefined;
  for (let start = 0; start < batch; start += size) {
    const n = Math.min(size, batch - start);
    const xPart = callKernel(backend, 'Slice', { x }, { begin: [start, 0, 0, 0], size: [n, -1, -1, -1] });
    const dyPart = callKernel(backend, 'Slice', { x: dy }, { begin: [start, 0, 0, 0], size: [n, -1, -1, -1] });
    const part = filterGradientOnce(backend, xPart, dyPart, g);
    release(backend, xPart, dyPart);
    if (!total) {
      total = part;
    } else {
      const sum = heapF32(backend, total);
      const add = heapF32(backend, part);
      for (let i = 0; i < sum.length; i++) sum[i] += add[i];
      release(backend, part);
    }
  }
  return total as TensorInfo;
}

function filterGradientOnce(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: Conv2DGeometry): TensorInfo {
  const [, inH, inW] = x.shape;
  const [, dyH, dyW] = dy.shape;
  let source = x;
  // Padding below/right that makes the output exactly fh x fw; negative means trailing input
  // rows/columns no output pixel reads, which are cut off first.
  const bottom = g.fh + (dyH - 1) * g.strideH - inH - g.padTop;
  const right = g.fw + (dyW - 1) * g.strideW - inW - g.padLeft;
  if (bottom < 0 || right < 0) {
    const size = [x.shape[0], inH + Math.min(bottom, 0), inW + Math.min(right, 0), x.shape[3]];
    source = callKernel(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size });
  }
  const xT = transpose(backend, source, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  if (source !== x) release(backend, source);
  const grad = conv2dForward(backend, xT, dyT, {
    dilations: [g.strideH, g.strideW],
    pads: [g.padTop, Math.max(bottom, 0), g.padLeft, Math.max(right, 0)],
  });
  release(backend, xT, dyT);
  const out = transpose(backend, grad, [1, 2, 0, 3]);
  release(backend, grad);
  return out;
}

export function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (format !== 'channelsLast') {
    throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only, got dataFormat '${attrs.dataFormat}'`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    format,
  );
  return conv2dFilterGradient(backend, x, dy, planarGeometry(info));
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
