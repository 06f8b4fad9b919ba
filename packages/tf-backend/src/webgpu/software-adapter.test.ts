import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend';
import { isSoftwareAdapter, probeDawnAdapter, type WebGpuAdapter } from './start-webgpu';

describe('isSoftwareAdapter', () => {
  it('knows fallback adapters and the software renderers by name, and not a GPU', () => {
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', device: 'llvmpipe-llvm-15', isFallbackAdapter: false } })).toBe(true);
    expect(isSoftwareAdapter({ info: { description: 'lavapipe' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'google', description: 'SwiftShader Device (Subzero)' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'someone', isFallbackAdapter: true } })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ info: { adapterType: 'cpu' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H100 80GB HBM3', isFallbackAdapter: false } })).toBe(false);
    expect(isSoftwareAdapter({})).toBe(false);
  });
});

// Dawn (through Mesa's Vulkan loader) wants a private XDG_RUNTIME_DIR; the probe's child inherits it.
if (!process.env.XDG_RUNTIME_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-xdg-'));
  fs.chmodSync(dir, 0o700);
  process.env.XDG_RUNTIME_DIR = dir;
}
let adapter: WebGpuAdapter | undefined;
let missing = '';
try {
  adapter = probeDawnAdapter();
} catch (error) {
  missing = (error as Error).message;
}
const software = adapter?.software === true;
const skipReason = !adapter
  ? `no WebGPU adapter here (${missing}); install Mesa's Vulkan drivers (README, WebGPU) for a software one`
  : !software
    ? `the WebGPU adapter here is a GPU (${adapter.description}), not a software one`
    : '';
if (skipReason) console.log(`SKIP software-adapter tests: ${skipReason}`);

describe.skipIf(!software)('a machine whose only WebGPU adapter is a software one', () => {
  it('the child-process probe reports it as software', () => {
    expect(adapter?.software).toBe(true);
    expect(adapter?.description).toMatch(/\S/);
  });

  it("auto passes over it for wasm, saying why; --backend webgpu still uses it", async () => {
    const auto = await initBackend('auto', { threads: 2 });
    expect(auto.name).toBe('wasm');
    expect(auto.softwareAdapter).toBe(false);
    const webgpu = auto.skipped.find((s) => s.name === 'webgpu');
    expect(webgpu?.reason).toMatch(/^only a software adapter \(.+\): slower than wasm$/);
    expect(auto.summary).toMatch(/; webgpu: only a software adapter \(.+\): slower than wasm/);

    const forced = await initBackend('webgpu');
    expect(forced.name).toBe('webgpu');
    expect(forced.softwareAdapter).toBe(true);
    expect(forced.summary).toMatch(/; a software adapter\)$/);
    const sum = tf.sum(tf.tensor1d([1, 2, 3, 4]));
    expect(Array.from(await sum.data())).toEqual([10]);
    sum.dispose();
  }, 120_000);
});
