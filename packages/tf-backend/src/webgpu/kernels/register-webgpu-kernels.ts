import * as tf from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterGemm } from './conv2d-backprop-filter';
import { conv2DBackpropInputGemm } from './conv2d-backprop-input';
import { conv3DGemm } from './conv3d';
import { conv3DBackpropFilterGemm } from './conv3d-backprop-filter';
import { conv3DBackpropInputGemm } from './conv3d-backprop-input';
import { reduceLeading } from './reduce-leading';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };
/** A project kernel: its result, or undefined where it leaves the case to the stock kernel. */
type ProjectKernel = (args: KernelArgs) => tf.TensorInfo | undefined;

/** The project's WebGPU kernels, by the tfjs kernel each one replaces. */
export const webGpuKernels: Record<string, ProjectKernel> = {
  [tf.Conv2DBackpropFilter]: conv2DBackpropFilterGemm,
  [tf.Conv2DBackpropInput]: conv2DBackpropInputGemm,
  [tf.Conv3D]: conv3DGemm,
  [tf.Conv3DBackpropFilterV2]: conv3DBackpropFilterGemm,
  [tf.Conv3DBackpropInputV2]: conv3DBackpropInputGemm,
  [tf.Sum]: (args) => reduceLeading(args, false),
  [tf.Mean]: (args) => reduceLeading(args, true),
};

/** VPIXMIX_WEBGPU_STOCK=1 starts with tfjs-backend-webgpu's own kernels (for comparisons). */
let enabled = !['1', 'true', 'yes'].includes((process.env['VPIXMIX_WEBGPU_STOCK'] ?? '').toLowerCase());

/** Switches between the project's kernels (true) and the stock ones (false) at run time; returns the previous setting. */
export function useWebGpuKernels(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

export function webGpuKernelsEnabled(): boolean {
  return enabled;
}

/**
 * Puts the project's kernels in front of tfjs-backend-webgpu's (idempotent). Each falls back to
 * the stock kernel for cases it does not take (NCHW, non-float32) and while switched off.
 */
export function registerWebGpuKernels(backendName = 'webgpu'): void {
  for (const [name, ours] of Object.entries(webGpuKernels)) {
    const current = tf.getKernel(name, backendName);
    if (!current || (current.kernelFunc as { vpixmix?: boolean }).vpixmix) continue;
    const stock = current.kernelFunc;
    const kernelFunc = Object.assign((args: KernelArgs) => (enabled ? ours(args) : undefined) ?? stock(args), { vpixmix: true });
    tf.unregisterKernel(name, backendName);
    tf.registerKernel({ ...current, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
