import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo, WasmBackend } from './wasm-context';

/**
 * OneHot that honours its dtype. The stock wasm kernel writes int32 on/off values whatever
 * the dtype asked for, so a float32 one-hot holds the bit patterns of 1 and 0 as integers
 * (1 reads as 1.4e-45): every loss built on it, and its gradient, is zero.
 */
export function oneHot(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs: tf.NamedAttrMap }): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { indices } = args.inputs as { indices: TensorInfo };
  const { depth, onValue, offValue, dtype } = args.attrs as unknown as tf.OneHotAttrs;
  const out = backend.makeOutput([...indices.shape, depth], dtype);
  const values = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  values.fill(offValue);
  const index = backend.typedArrayFromHeap(indices) as Int32Array;
  for (let i = 0; i < index.length; i++) {
    const k = index[i];
    if (k >= 0 && k < depth) values[i * depth + k] = onValue;
  }
  return out;
}

export const oneHotConfig: tf.KernelConfig = {
  kernelName: tf.OneHot,
  backendName: 'wasm',
  kernelFunc: oneHot as unknown as tf.KernelFunc,
};
