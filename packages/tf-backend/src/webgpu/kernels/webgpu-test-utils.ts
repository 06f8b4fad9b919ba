import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { initBackend } from '../../init-backend';
import { relativeError } from '../../kernels/kernel-test-utils';
import { registerWebGpuKernels, useWebGpuKernels } from './register-webgpu-kernels';

export { testValues } from '../../kernels/kernel-test-utils';

/**
 * Starts the webgpu backend (a software adapter such as Mesa's llvmpipe will do) and puts the
 * project's kernels in front. Resolves to undefined when it runs, or to why it cannot (the
 * tests then skip, printing the reason).
 */
export async function startWebGpuForTests(): Promise<string | undefined> {
  if (!process.env['XDG_RUNTIME_DIR']) {
    // Mesa's Vulkan drivers want a private runtime folder; a test machine may not set one.
    process.env['XDG_RUNTIME_DIR'] = mkdtempSync(path.join(os.tmpdir(), 'xdg-'));
  }
  try {
    await initBackend('webgpu');
    registerWebGpuKernels();
    return undefined;
  } catch (error) {
    const reason = `webgpu kernel tests skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    console.log(reason);
    return reason;
  }
}

/** Runs `f` on a backend and reads its outputs asynchronously (webgpu in Node has no synchronous reads). */
export async function onBackend(name: 'cpu' | 'webgpu', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(name);
  const outputs = tf.tidy(f);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const values = await Promise.all(list.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(list);
  return values;
}

/** The worst relative error of `f` on webgpu (project kernels) against cpu, per output. */
export async function compareWebGpuWithCpu(f: () => tf.Tensor | tf.Tensor[]): Promise<number[]> {
  const reference = await onBackend('cpu', f);
  useWebGpuKernels(true);
  const ours = await onBackend('webgpu', f);
  return ours.map((values, i) => relativeError(values, reference[i]));
}

/** Shader keys compiled so far by the webgpu backend (to prove the project's programs ran). */
export function compiledShaderKeys(): string[] {
  const backend = tf.findBackend('webgpu') as unknown as { pipelineCache?: Record<string, unknown> } | undefined;
  return Object.keys(backend?.pipelineCache ?? {});
}
