import * as tf from '@tensorflow/tfjs-core';
import { type Conv2DGeometry, planarGeometry } from './conv-geometry';
import {
  type TensorInfo,
  type WasmBackend,
  allocate,
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

/** Taps rh, rh+s, ... by rw, rw+s, ... of a [fh, fw, in, out] filter, as a smaller filter. */
function subsampledFilter(backend: WasmBackend, filter: TensorInfo, rh: number, rw: number, sh: number, sw: number): TensorInfo {
  const [fh, fw, inC, outC] = filter.shape;
  const th = Math.ceil((fh - rh) / sh);
  const tw = Math.ceil((fw - rw) / sw);
  const out = allocate(backend, [th, tw, inC, outC]);
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, out);
  const tap = inC * outC;
  for (let a = 0; a < th; a++) {
    for (let b = 0; b < tw; b++) {
      const s = ((rh + a * sh) * fw + (rw + b * sw)) * tap;
      dst.set(src.subarray(s, s + tap), (a * tw + b) * tap);
    }
  }
  return out;
}

/**
 * dx of a strided convolution as s*s stride-1 ones ("polyphase"): the input pixels whose
 * row is rh and column rw modulo the stride see only the taps with those residues, so each
 * phase is a stride-1 transposed convolution with a sub-filter, written into its pixels.
 * Same work as the forward convolution, where the zero grid would cost s*s times as much.
 * Returns undefined when a phase would need negative padding (then the grid path runs).
 */
function polyphaseInputGradient(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: Conv2DGeometry): TensorInfo | undefined {
  const [, dyH, dyW] = dy.shape;
  const plans = [];
  for (let rh = 0; rh < g.strideH; rh++) {
    for (let rw = 0; rw < g.strideW; rw++) {
      const th = Math.ceil((g.fh - rh) / g.strideH);
      const tw = Math.ceil((g.fw - rw) / g.strideW);
      const qh0 = Math.ceil((g.padTop - rh) / g.strideH);
      const qh1 = Math.floor((g.inH - 1 + g.padTop - rh) / g.strideH);
      const qw0 = Math.ceil((g.padLeft - rw) / g.strideW);
      const qw1 = Math.floor((g.inW - 1 + g.padLeft - rw) / g.strideW);
      if (th <= 0 || tw <= 0 || qh1 < qh0 || qw1 < qw0) continue; // these pixels get no gradient
      const rows = qh1 - qh0 + 1;
      const cols = qw1 - qw0 + 1;
      const top = th - 1 - qh0;
      const left = tw - 1 - qw0;
      const bottom = rows + th - 1 - dyH - top;
      const right = cols + tw - 1 - dyW - left;
      if (Math.min(top, left, bottom, right) < 0) return undefined;
      plans.push({ rh, rw, qh0, qw0, rows, cols, pads: [top, bottom, left, right] as [number, number, number, number] });
    }
  }
  const dx = allocateZeros(backend, [g.batch, g.inH, g.inW, g.inC]);
  for (const plan of plans) {
    const sub = subsampledFilter(backend, filter, plan.rh, plan.rw, g.strideH, g.strideW);
    const flipped = flippedTransposedFilter(backend, sub);
    const phase = conv2dForward(backend, dy, flipped, { pads: plan.pads });
    release(backend, sub, flipped);
    const src = heapF32(backend, phase);
    const dst = heapF32(backend, dx);
    const c = g.inC;
    for (let n = 0; n < g.batch; n++) {
      for (let q = 0; q < plan.rows; q++) {
        const i = (plan.qh0 + q) * g.strideH + plan.rh - g.padTop;
        let s = ((n * plan.rows + q) * plan.cols) * c;
        let t = ((n * g.inH + i) * g.inW + plan.qw0 * g.strideW + plan.rw - g.padLeft) * c;
        for (let k = 0; k < plan.cols; k++, s += c, t += g.strideW * c) dst.set(src.subarray(s, s + c), t);
      }
    }
    release(backend, phase);
  }
  return dx;
}

/** dx of a (dilation-1) NHWC convolution, through XNNPACK's forward convolution. */
export function conv2dInputGradient(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: Conv2DGeometry): TensorInfo {
  if (g.strideH > 1 || g.strideW > 1) {
    const dx = polyphaseInputGradient(backend, dy, filter, g);
    if (dx) return dx;
  }
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
  return conv2dInputGradient(backend, dy, filter, planarGeometry(info));
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc,
};
