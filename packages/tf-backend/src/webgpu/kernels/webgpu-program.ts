import * as tf from '@tensorflow/tfjs-core';

/**
 * The parts of tfjs-backend-webgpu 4.22 this package's kernels use. The backend does not
 * export its WebGPUProgram interface or its backend class from the package root, so they
 * are described here by shape (see its dist/webgpu_program.js and backend_webgpu.js).
 */
export interface WebGpuProgramLike {
  variableNames: string[];
  /** Element type of each input array: 1 (f32) or 4 (vec4<f32>). */
  variableComponents?: number[];
  outputShape: number[];
  /** 1 (f32) or 4 (vec4<f32>) per output array element. */
  outputComponent?: number;
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  /** Extra uniform fields, WGSL struct syntax ('m : i32, scale : f32,'). */
  uniforms?: string;
  size?: boolean;
  getUserCode(): string;
}

export interface UniformValue {
  type: 'int32' | 'float32' | 'uint32';
  data: number[];
}

export interface WebGpuBackendLike extends tf.KernelBackend {
  runWebGPUProgram(program: WebGpuProgramLike, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: UniformValue[]): tf.TensorInfo;
}

export function asWebGpuBackend(backend: tf.KernelBackend): WebGpuBackendLike {
  if (typeof (backend as Partial<WebGpuBackendLike>).runWebGPUProgram !== 'function') {
    throw new Error('tf-backend webgpu kernels: the active backend has no runWebGPUProgram (is it tfjs-backend-webgpu 4.x?)');
  }
  return backend as WebGpuBackendLike;
}

/**
 * Whether a tensor's GPU buffer holds float32. The backend can keep a cast's result in its
 * source's buffer (a float32 tensor over int32 data), and its shaders declare the buffer's type.
 */
export function holdsFloat32(backend: tf.KernelBackend, ...tensors: tf.TensorInfo[]): boolean {
  const map = (backend as unknown as { tensorMap?: { get(id: tf.DataId): { dtype?: tf.DataType } | undefined } }).tensorMap;
  return tensors.every((t) => t.dtype === 'float32' && (map?.get(t.dataId)?.dtype ?? 'float32') === 'float32');
}

/** A flat (rank-1) view of a tensor's data: the programs here index their buffers themselves. */
export function flatView(t: tf.TensorInfo): tf.TensorInfo {
  return { dataId: t.dataId, dtype: t.dtype, shape: [tf.util.sizeFromShape(t.shape)] };
}

/**
 * A program whose output is flat and whose code indexes everything itself. Its main(index)
 * ignores the global index; the code reads workgroupId / localId / localIndex, which
 * tfjs-backend-webgpu declares as private variables. Uniforms are i32 scalars unless named
 * with their type ('scale : f32').
 */
export function flatProgram(options: {
  key: string;
  inputs: string[];
  inputComponents?: number[];
  outputSize: number;
  outputComponent?: number;
  workgroups: [number, number, number];
  workgroupSize: [number, number, number];
  uniformNames: string[];
  code: string;
}): WebGpuProgramLike {
  return {
    variableNames: options.inputs,
    variableComponents: options.inputComponents,
    outputShape: [options.outputSize],
    outputComponent: options.outputComponent,
    shaderKey: options.key,
    dispatchLayout: { x: [0] },
    dispatch: options.workgroups,
    workgroupSize: options.workgroupSize,
    uniforms: options.uniformNames.map((n) => (n.includes(':') ? `${n},` : `${n} : i32,`)).join(' '),
    getUserCode: () => options.code,
  };
}

export function intUniforms(values: number[]): UniformValue[] {
  return values.map((v) => ({ type: 'int32', data: [v] }));
}

/** Gives a flat program's result its real shape through the backend's Reshape kernel (no copy) and drops the flat handle. */
export function reshapeResult(backend: tf.KernelBackend, flat: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  const reshape = tf.getKernel(tf.Reshape, 'webgpu')?.kernelFunc;
  if (!reshape) throw new Error('tf-backend webgpu kernels: the webgpu backend has no Reshape kernel');
  const out = reshape({ inputs: { x: flat }, backend, attrs: { shape } }) as tf.TensorInfo;
  backend.disposeData(flat.dataId);
  return out;
}
