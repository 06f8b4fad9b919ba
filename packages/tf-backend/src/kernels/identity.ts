import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo, WasmBackend } from './wasm-context';

/**
 * Identity without a copy: the output shares the input's buffer, one reference more (as the
 * cpu backend does). Tensors are immutable, so nothing can tell the two apart; the stock wasm
 * kernel copies, and the engine clones every tensor it saves for the backward pass.
 */
export function identity(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend }): TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x } = args.inputs as { x: TensorInfo };
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as tf.KernelFunc,
};
