import * as tf from '@tensorflow/tfjs-core';
import { planarGeometry } from './conv-geometry';
import { conv2dFilterGradient } from './conv2d-backprop-filter';
import { conv2dInputGradient } from './conv2d-backprop-input';
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
 * 3D convolutions as 2D ones: the fd frames each output frame reads are stacked on the
 * channel axis ("im2col over depth"), so one XNNPACK 2D convolution over N*od frames does
 * the work, and the gradients reuse the 2D gradient kernels.
 */
interface DepthGeometry {
  batch: number;
  inD: number;
  outD: number;
  /** Depth taps that read at least one real frame: [tap0, tap0 + fd) of the filter's depth. */
  tap0: number;
  fd: number;
  /** The filter's whole depth. */
  filterDepth: number;
  strideD: number;
  dilationD: number;
  padFront: number;
  /** H * W of a frame. */
  pixels: number;
  channels: number;
}

function frameOf(g: DepthGeometry, d: number, kd: number): number {
  return d * g.strideD + (g.tap0 + kd) * g.dilationD - g.padFront;
}

/**
 * Between a clip tensor [N, D, H, W, C] and its depth-stacked frames [N*od, H, W, fd*C]:
 * 'stack' copies each tap's frame in (zeros where a tap reads outside the clip); 'unstack'
 * is its adjoint, summing the stacked gradient back into the frames the taps read.
 */
function moveDepthTaps(
  backend: WasmBackend,
  from: TensorInfo,
  g: DepthGeometry,
  direction: 'stack' | 'unstack',
  outShape: number[],
): TensorInfo {
  const wide = g.fd * g.channels;
  const out = allocateZeros(backend, outShape);
  const src = heapF32(backend, from);
  const dst = heapF32(backend, out);
  const stacking = direction === 'stack';
  const frameSize = g.pixels * g.channels;
  for (let n = 0; n < g.batch; n++) {
    for (let d = 0; d < g.outD; d++) {
      for (let kd = 0; kd < g.fd; kd++) {
        const f = frameOf(g, d, kd);
        if (f < 0 || f >= g.inD) continue;
        let clip = (n * g.inD + f) * frameSize;
        let stacked = (n * g.outD + d) * g.pixels * wide + kd * g.channels;
        for (let p = 0; p < g.pixels; p++, clip += g.channels, stacked += wide) {
          if (stacking) for (let c = 0; c < g.channels; c++) dst[stacked + c] = src[clip + c];
          else for (let c = 0; c < g.channels; c++) dst[clip + c] += src[stacked + c];
        }
      }
    }
  }
  return out;
}

function stackDepthTaps(backend: WasmBackend, x: TensorInfo, g: DepthGeometry, frame: [number, number]): TensorInfo {
  return moveDepthTaps(backend, x, g, 'stack', [g.batch * g.outD, frame[0], frame[1], g.fd * g.channels]);
}

/** [fd, fh, fw, C, outC] -> [fh, fw, taps*C, outC] (the taps in use), matching the stacked channel order. */
function filterAs2D(backend: WasmBackend, filter: TensorInfo, g: DepthGeometry): TensorInfo {
  const [, fh, fw, inC, outC] = filter.shape;
  const used =
    g.fd === g.filterDepth ? filter : callKernel(backend, 'Slice', { x: filter }, { begin: [g.tap0, 0, 0, 0, 0], size: [g.fd, -1, -1, -1, -1] });
  const moved = transpose(backend, used, [1, 2, 0, 3, 4]);
  if (used !== filter) release(backend, used);
  const out = reshape(backend, moved, [fh, fw, g.fd * inC, outC]);
  release(backend, moved);
  return out;
}

/**
 * Depth taps that read only padding for every output frame (e.g. a 3-deep filter on a
 * 1-frame clip, as in r3d-18's last stage on short clips) are left out of the stacking:
 * they contribute nothing forward and get a zero gradient.
 */
function usedTaps(info: tf.backend_util.Conv3DInfo): [number, number] {
  const reads = (kd: number) => {
    for (let d = 0; d < info.outDepth; d++) {
      const f = d * info.strideDepth + kd * info.dilationDepth - info.padInfo.front;
      if (f >= 0 && f < info.inDepth) return true;
    }
    return false;
  };
  let first = 0;
  while (first < info.filterDepth - 1 && !reads(first)) first++;
  let last = info.filterDepth - 1;
  while (last > first && !reads(last)) last--;
  return [first, last - first + 1];
}

function geometry(info: tf.backend_util.Conv3DInfo): DepthGeometry {
  const [tap0, taps] = usedTaps(info);
  return {
    batch: info.batchSize,
    inD: info.inDepth,
    outD: info.outDepth,
    tap0,
    fd: taps,
    filterDepth: info.filterDepth,
    strideD: info.strideDepth,
    dilationD: info.dilationDepth,
    padFront: info.padInfo.front,
    pixels: info.inHeight * info.inWidth,
    channels: info.inChannels,
  };
}

function checkFormat(name: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NDHWC') {
    throw new Error(`${name} on wasm supports NDHWC only, got dataFormat '${dataFormat}'`);
  }
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

export function conv3d(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv3DAttrs;
  checkFormat('Conv3D', attrs.dataFormat);
  const info = tf.backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    filter.shape as [number, number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
  );
  const g = geometry(info);
  const stacked = stackDepthTaps(backend, x, g, [info.inHeight, info.inWidth]);
  const filter2d = filterAs2D(backend, filter, g);
  const y = conv2dForward(backend, stacked, filter2d, {
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth],
    pads: [info.padInfo.top, info.padInfo.bottom, info.padInfo.left, info.padInfo.right],
  });
  release(backend, stacked, filter2d);
  const out = reshape(backend, y, info.outShape);
  release(backend, y);
  return out;
}

export function conv3dBackpropInput(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
  const info = tf.backend_util.computeConv3DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
  );
  const g = geometry(info);
  const dy2d = reshape(backend, dy, [g.batch * g.outD, info.outHeight, info.outWidth, info.outChannels]);
  const filter2d = filterAs2D(backend, filter, g);
  const dStacked = conv2dInputGradient(backend, dy2d, filter2d, planarGeometry(info, g.batch * g.outD, g.fd * g.channels));
  release(backend, dy2d, filter2d);
  const dx = moveDepthTaps(backend, dStacked, g, 'unstack', info.inShape);
  release(backend, dStacked);
  return dx;
}

export function conv3dBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv3DBackpropFilterV2Attrs;
  const info = tf.backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
  );
  const g = geometry(info);
  const stacked = stackDepthTaps(backend, x, g, [info.inHeight, info.inWidth]);
  const dy2d = reshape(backend, dy, [g.batch * g.outD, info.outHeight, info.outWidth, info.outChannels]);
  const grad2d = conv2dFilterGradient(backend, stacked, dy2d, planarGeometry(info, g.batch * g.outD, g.fd * g.channels));
  release(backend, stacked, dy2d);
  const split = reshape(backend, grad2d, [info.filterHeight, info.filterWidth, g.fd, g.channels, info.outChannels]);
  release(backend, grad2d);
  const out = transpose(backend, split, [2, 0, 1, 3, 4]);
  release(backend, split);
  if (g.fd === g.filterDepth) return out;
  const after = g.filterDepth - g.tap0 - g.fd;
  const full = callKernel(backend, 'PadV2', { x: out }, { paddings: [[g.tap0, after], [0, 0], [0, 0], [0, 0], [0, 0]], constantValue: 0 });
  release(backend, out);
  return full;
}

export const conv3dConfigs: tf.KernelConfig[] = [
  { kernelName: tf.Conv3D, backendName: 'wasm', kernelFunc: conv3d as unknown as tf.KernelFunc },
  { kernelName: tf.Conv3DBackpropInputV2, backendName: 'wasm', kernelFunc: conv3dBackpropInput as unknown as tf.KernelFunc },
  { kernelName: tf.Conv3DBackpropFilterV2, backendName: 'wasm', kernelFunc: conv3dBackpropFilter as unknown as tf.KernelFunc },
];
