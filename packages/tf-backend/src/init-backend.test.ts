import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend';

describe('initBackend', () => {
  it('starts the cpu backend on request', async () => {
    const choice = await initBackend('cpu');
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('picks wasm on a machine without tfjs-node or a GPU, saying why it skipped the others', async () => {
    const choice = await initBackend('auto');
    expect(['tensorflow', 'webgpu', 'wasm']).toContain(choice.name);
    if (choice.name === 'wasm') {
      expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow', 'webgpu']);
      expect(choice.summary).toMatch(/^backend: wasm \(skipped tensorflow: .+; webgpu: .+\)$/);
    }
    expect(tf.getBackend()).toBe(choice.name);
  });

  it('rejects an unknown backend by name', async () => {
    await expect(initBackend('metal' as never)).rejects.toThrow(/unknown backend 'metal'/);
  });
});
