import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend';
import { wasmKernelConfigs } from './kernels/register';

describe('initBackend', () => {
  it('starts the cpu backend on request', async () => {
    const choice = await initBackend('cpu');
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('picks wasm (threaded, with the project kernels) on a machine without tfjs-node or a GPU, saying why it skipped the others', async () => {
    const choice = await initBackend('auto', { threads: 2 });
    expect(['tensorflow', 'webgpu', 'wasm']).toContain(choice.name);
    expect(tf.getBackend()).toBe(choice.name);
    if (choice.name === 'wasm') {
      expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow', 'webgpu']);
      expect(choice.summary).toMatch(/^backend: wasm \(\d+ threads?, SIMD.*\); skipped tensorflow: .+; webgpu: .+$/);
      expect(choice.skipped[0].reason).toMatch(/tfjs-node-gpu/);
      for (const config of wasmKernelConfigs) {
        expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
      }
      // The threaded build computes, and the pool's workers do not keep the process alive (vitest would hang).
      const y = tf.conv2d(tf.ones([1, 8, 8, 4]) as tf.Tensor4D, tf.ones([3, 3, 4, 2]) as tf.Tensor4D, 1, 'valid');
      expect(Array.from(y.dataSync().slice(0, 2))).toEqual([36, 36]);
    }
  });

  it('rejects an unknown backend by name', async () => {
    await expect(initBackend('metal' as never)).rejects.toThrow(/unknown backend 'metal'/);
  });

  it('rejects a bad thread count', async () => {
    await expect(initBackend('wasm', { threads: 0 })).rejects.toThrow(/threads must be an integer >= 1/);
  });
});
