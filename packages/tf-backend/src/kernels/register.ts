import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { conv3dConfigs } from './conv3d';
import { identityConfig } from './identity';
import { oneHotConfig } from './one-hot';
import { reduceLeadingConfigs } from './reduce-leading';
import { sliceConfig } from './slice';

const replaced = new Map<string, tf.KernelConfig | undefined>();

/** The kernels this package adds to (or puts in place of) the wasm backend's own. */
export const wasmKernelConfigs: readonly tf.KernelConfig[] = [
  conv2dBackpropInputConfig,
  conv2dBackpropFilterConfig,
  ...conv3dConfigs,
  identityConfig,
  oneHotConfig,
  ...reduceLeadingConfigs((name) => replaced.get(name)),
  sliceConfig(() => replaced.get('Slice')),
];

/** Registers the project's wasm kernels (idempotent); the stock ones they replace are kept for `stockWasmKernel`. */
export function registerWasmKernels(): void {
  for (const config of wasmKernelConfigs) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (!replaced.has(config.kernelName)) replaced.set(config.kernelName, current);
    if (current) tf.unregisterKernel(config.kernelName, 'wasm');
    const stock = replaced.get(config.kernelName);
    // The stock kernel's setup (its cwraps) still has to run: ours fall back on it.
    tf.registerKernel(stock?.setupFunc ? { ...config, setupFunc: stock.setupFunc } : config);
  }
}

/** The wasm backend's own kernel that a project kernel replaced (undefined if it had none). */
export function stockWasmKernel(name: string): tf.KernelConfig | undefined {
  return replaced.get(name);
}
