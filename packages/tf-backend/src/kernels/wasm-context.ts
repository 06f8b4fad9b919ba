import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type WasmBackend = BackendWasm;
export type TensorInfo = tf.TensorInfo;
export type KernelInputs = Record<string, TensorInfo>;

/** Runs a wasm kernel (the stock one or ours) from inside a kernel; the caller owns the output. */
export function callKernel(
  backend: WasmBackend,
  name: string,
  inputs: KernelInputs,
  attrs: Record<string, unknown> = {},
): TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel '${name}' is not registered`);
  return config.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
}

/** Frees intermediate tensors made inside a kernel. */
export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A float32 tensor's elements, viewed in place on the wasm heap (valid until the next allocation). */
export function heapF32(backend: WasmBackend, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

export function allocate(backend: WasmBackend, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

export function allocateZeros(backend: WasmBackend, shape: number[]): TensorInfo {
  const out = allocate(backend, shape);
  heapF32(backend, out).fill(0);
  return out;
}

export function transpose(backend: WasmBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return callKernel(backend, 'Transpose', { x }, { perm });
}

export function reshape(backend: WasmBackend, x: TensorInfo, shape: number[]): TensorInfo {
  return callKernel(backend, 'Reshape', { x }, { shape });
}

type Pads = [number, number, number, number];

/** XNNPACK's forward convolution (the stock wasm Conv2D), NHWC, explicit padding [top, bottom, left, right]. */
export function conv2dForward(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  options: { strides?: [number, number]; dilations?: [number, number]; pads: Pads },
): TensorInfo {
  const [top, bottom, left, right] = options.pads;
  return callKernel(
    backend,
    'Conv2D',
    { x, filter },
    {
      strides: options.strides ?? [1, 1],
      dilations: options.dilations ?? [1, 1],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
    },
  );
}
