import * as tf from '@tensorflow/tfjs-core';
import { convGemmCode, convGemmUniforms, splitSumCode, tileK, tileM, tileN, type ConvGemmKind } from './conv-gemm-shader';
import { asWebGpuBackend, flatProgram, flatView, holdsFloat32, intUniforms, reshapeResult } from './webgpu-program';

/** An NDHWC convolution (2D ones have inD = outD = fD = 1, no depth stride, padding or dilation). */
export interface ConvGemmGeometry {
  volumetric: boolean;
  batch: number;
  inD: number;
  inH: number;
  inW: number;
  inC: number;
  outD: number;
  outH: number;
  outW: number;
  outC: number;
  fD: number;
  fH: number;
  fW: number;
  strides: [number, number, number];
  /** front, top, left */
  pads: [number, number, number];
  dilations: [number, number, number];
}

/** The fields of tfjs's Conv2DInfo / Conv3DInfo that a geometry is made from. */
interface ConvInfoLike {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number; front?: number };
  inDepth?: number;
  outDepth?: number;
  filterDepth?: number;
  strideDepth?: number;
  dilationDepth?: number;
}

export function geometryOf(info: ConvInfoLike, volumetric: boolean): ConvGemmGeometry {
  return {
    volumetric,
    batch: info.batchSize,
    inD: info.inDepth ?? 1,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outD: info.outDepth ?? 1,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    fD: info.filterDepth ?? 1,
    fH: info.filterHeight,
    fW: info.filterWidth,
    strides: [info.strideDepth ?? 1, info.strideHeight, info.strideWidth],
    pads: [info.padInfo.front ?? 0, info.padInfo.top, info.padInfo.left],
    dilations: [info.dilationDepth ?? 1, info.dilationHeight, info.dilationWidth],
  };
}

/** GEMM sizes of a convolution, per kind (see conv-gemm-shader.ts). */
export function gemmSizes(kind: ConvGemmKind, g: ConvGemmGeometry): { M: number; N: number; K: number } {
  const taps = g.fD * g.fH * g.fW;
  const outPixels = g.batch * g.outD * g.outH * g.outW;
  const inPixels = g.batch * g.inD * g.inH * g.inW;
  switch (kind) {
    case 'forward':
      return { M: outPixels, N: g.outC, K: taps * g.inC };
    case 'filter':
      return { M: taps * g.inC, N: g.outC, K: outPixels };
    case 'input':
      return { M: inPixels, N: g.inC, K: taps * g.outC };
  }
}

/** Workgroups the split-K plan aims for: enough to fill a large GPU; llvmpipe does not mind. */
const targetWorkgroups = 256;
/** Largest split-K partial buffer, in floats (64 MiB). */
const maxPartialFloats = 16 * 1024 * 1024;

/** How K is cut: `splits` slices of `tilesPerSplit` 16-deep tiles each. */
export function splitPlan(M: number, N: number, K: number): { splits: number; tilesPerSplit: number } {
  const tilesMN = Math.ceil(M / tileM) * Math.ceil(N / tileN);
  const kTiles = Math.max(1, Math.ceil(K / tileK));
  let splits = 1;
  if (tilesMN < targetWorkgroups) {
    splits = Math.min(Math.ceil(targetWorkgroups / tilesMN), Math.ceil(kTiles / 4));
    splits = Math.max(1, Math.min(splits, Math.floor(maxPartialFloats / (M * N))));
  }
  const tilesPerSplit = Math.ceil(kTiles / splits);
  return { splits: Math.ceil(kTiles / tilesPerSplit), tilesPerSplit };
}

/**
 * Runs one convolution GEMM on the webgpu backend: `a` and `b` are the kind's operands
 * (forward: x, W; filter: x, dy; input: dy, W); returns C with the given shape, or undefined
 * (run the stock kernel) when an operand's buffer is not float32.
 */
export function runConvGemm(
  kind: ConvGemmKind,
  g: ConvGemmGeometry,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  outShape: number[],
  backendIn: tf.KernelBackend,
): tf.TensorInfo | undefined {
  if (!holdsFloat32(backendIn, a, b)) return undefined;
  const backend = asWebGpuBackend(backendIn);
  const { M, N, K } = gemmSizes(kind, g);
  const { splits, tilesPerSplit } = splitPlan(M, N, K);
  const vecA = kind === 'input' ? g.outC % 4 === 0 : g.inC % 4 === 0;
  const vecB = kind === 'input' ? g.outC % 4 === 0 : g.outC % 4 === 0;
  const vecC = N % 4 === 0;
  const unitStride = g.strides.every((v) => v === 1);
  const shape = { kind, volumetric: g.volumetric, vecA, vecB, vecC, unitStride };
  const names = kind === 'forward' ? ['x', 'W'] : kind === 'filter' ? ['x', 'dy'] : ['dy', 'W'];
  const program = flatProgram({
    key: `vpixmixConvGemm_${kind}_${g.volumetric}_${vecA}_${vecB}_${vecC}_${unitStride}`,
    inputs: names,
    inputComponents: [vecA ? 4 : 1, vecB ? 4 : 1],
    outputSize: splits * M * N,
    outputComponent: vecC ? 4 : 1,
    workgroups: [Math.ceil(N / tileN), Math.ceil(M / tileM), splits],
    workgroupSize: [8, 8, 1],
    uniformNames: convGemmUniforms,
    code: convGemmCode(shape),
  });
  const uniforms = intUniforms([
    g.inD, g.inH, g.inW, g.inC, g.outD, g.outH, g.outW, g.outC, g.fD, g.fH, g.fW,
    ...g.strides, ...g.pads, ...g.dilations, M, N, K, tilesPerSplit * tileK, tilesPerSplit,
  ]);
  const partial = backend.runWebGPUProgram(program, [flatView(a), flatView(b)], 'float32', uniforms);
  if (splits === 1) return reshapeResult(backend, partial, outShape);
  const component = vecC ? 4 : 1;
  const count = (M * N) / component;
  const sum = flatProgram({
    key: `vpixmixSplitSum_${vecC}`,
    inputs: ['partial'],
    inputComponents: [component],
    outputSize: M * N,
    outputComponent: component,
    workgroups: [Math.ceil(count / 64), 1, 1],
    workgroupSize: [64, 1, 1],
    uniformNames: ['count', 'splits'],
    code: splitSumCode(vecC),
  });
  const summed = backend.runWebGPUProgram(sum, [partial], 'float32', intUniforms([count, splits]));
  backend.disposeData(partial.dataId);
  return reshapeResult(backend, summed, outShape);
}
