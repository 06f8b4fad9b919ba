import * as tf from '@tensorflow/tfjs-core';
import {
  type TensorInfo,
  type WasmBackend,
  allocateZeros,
  callKernel,
  conv2dForward,
  heapF32,
  release,
  reshape,
  transpose,
} from './wasm-context';

/**
 * The filter of the transposed convolution: taps in reverse order (both spatial axes
 * flipped) and the channel axes swapped, [fh, fw, in, out] -> [fh, fw, out, in].
 */
export function flippedTransposedFilter(backend: WasmBackend, filter: TensorInfo): TensorInfo {
  const [fh, fw, inC, outC] = filter.shape;
  const taps = reshape(backend, filter, [fh * fw, inC, outC]);
  const swapped = transpose(backend, taps, [0, 2, 1]);
  const reversed = callKernel(backend, 'Reverse', { x: swapped }, { dims: [0] });
  release(backend, taps, swapped);
  const out = reshape(backend, reversed, [fh, fw, outC, inC]);
  release(backend, reversed);
  return out;
}

/**
 * dy placed on a zero grid: dy[n, y, x] lands at (top + y*strideH, left + x*strideW) of an
 * [n, height, width, c] buffer, so that a VALID stride-1 convolution of the grid with the
 * flipped filter is the input gradient. Rows or columns that fall outside are dropped.
 */
export function spreadOnGrid(
  backend: WasmBackend,
  dy: TensorInfo,
  grid: { height: number; width: number; top: number; left: number; strideH: number; strideW: number },
): TensorInfo {
  const [batch, dyH, dyW, channels] = dy.shape;
  const { height, width, top, left, strideH, strideW } = grid;
  const out = allocateZeros(backend, [batch, height, width, channels]);
  const src = heapF32(backend, dy);
  const dst = heapF32(backend, out);
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < dyH; y++) {
      const row = top + y * strideH;
      if (row < 0 || row >= height) continue;
      const srcRow = ((n * dyH + y) * dyW) * channels;
      const dstRow = ((n * height + row) * width) * channels;
      if (strideW === 1 && left >= 0 && left + dyW <= width) {
        dst.set(src.subarray(srcRow, srcRow + dyW * channels), dstRow + left * channels);
        continue;
      }
      for (let x = 0; x < dyW; x++) {
        const col = left + x * strideW;
        if (col < 0 || col >= width) continue;
        const s = srcRow + x * channels;
        dst.set(src.subarray(s, s + channels), dstRow + col * channels);
      }
    }
  }
  return out;
}

export interface Conv2DGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  fh: number;
  fw: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

/** dx of a (dilation-1) NHWC convolution, through XNNPACK's forward convolution. */
export function conv2dInputGradient(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: Conv2DGeometry): TensorInfo {
  const flipped = flippedTransposedFilter(backend, filter);
  const top = g.fh - 1 - g.padTop;
  const left = g.fw - 1 - g.padLeft;
  const [, dyH, dyW] = dy.shape;
  // Rows/columns of padding below/right so that the output has exactly inH x inW pixels.
  const bottom = g.inH + g.fh - 1 - (top + (dyH - 1) * g.strideH + 1);
  const right = g.inW + g.fw - 1 - (left + (dyW - 1) * g.strideW + 1);
  let dx: TensorInfo;
  if (g.strideH === 1 && g.strideW === 1 && Math.min(top, left, bottom, right) >= 0) {
    dx = conv2dForward(backend, dy, flipped, { pads: [top, bottom, left, right] });
  } else {
    const grid = spreadOnGrid(backend, dy, {
      height: g.inH + g.fh - 1,
      width: g.inW + g.fw - 1,
      top,
      left,
      strideH: g.strideH,
      strideW: g.strideW,
    });
    dx = conv2dForward(backend, grid, flipped, { pads: [0, 0, 0, 0] });
    release(backend, grid);
  }
  release(backend, flipped);
  return dx;
}

export function conv2dBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (format !== 'channelsLast') {
    throw new Error(`Conv2DBackpropInput on wasm supports NHWC only, got dataFormat '${attrs.dataFormat}'`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    format,
  );
  return conv2dInputGradient(backend, dy, filter, {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outC: info.outChannels,
    fh: info.filterHeight,
    fw: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  });
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc,
};
