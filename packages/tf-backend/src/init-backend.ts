import { spawnSync } from 'node:child_process';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmKernels } from './kernels/register';
import { configureWasmBackend, wasmThreading } from './wasm/register-threaded-wasm';
import { registerPadRank5 } from './webgpu/pad-rank5';
import { exposeDawnWebGpu, exposedWebGpuAdapter, probeHardwareAdapter } from './webgpu/start-webgpu';
import { registerWebGpuKernels } from './webgpu/kernels/register-webgpu-kernels';

export type BackendRequest = 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export const backendRequests: readonly BackendRequest[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

export interface BackendOptions {
  /** wasm: XNNPACK threads (default: the machine's available parallelism; 1 runs the stock single-threaded build). */
  threads?: number;
}

export interface BackendChoice {
  /** The tfjs backend now active: 'tensorflow', 'webgpu', 'wasm' or 'cpu'. */
  name: string;
  requested: BackendRequest;
  /** What runs it, in words (e.g. "2 threads, SIMD" or the GPU adapter). */
  detail: string;
  /** Backends tried before the chosen one, and why each was passed over. */
  skipped: { name: string; reason: string }[];
  /** One line for logs: what was chosen and why the others were skipped. */
  summary: string;
  /** True when the chosen backend is webgpu on a software adapter (llvmpipe, lavapipe, SwiftShader, a fallback adapter). */
  softwareAdapter: boolean;
}

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

type Attempt = (options: BackendOptions) => Promise<string>;

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 160);
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed to initialise`);
  await tf.ready();
}

function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads tfjs-node-gpu / tfjs-node in a child process first: a broken native install (missing
 * libtensorflow, CUDA or cuDNN) can abort the process that loads it, not just throw.
 */
function probeNativePackage(name: string): void {
  if (!resolvable(name)) throw new Error(`${name} is not installed`);
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (probe.status !== 0) {
    const lines = `${probe.stderr ?? ''}${probe.error ? probe.error.message : ''}`
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /error/i.test(l));
    throw new Error(`${name} fails to load: ${lines[0] ?? `exit status ${probe.status ?? probe.signal}`}`);
  }
}

const attempts: Record<Exclude<BackendRequest, 'auto'>, Attempt> = {
  async tensorflow() {
    const reasons: string[] = [];
    for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        probeNativePackage(name);
        require(name);
        await activate('tensorflow');
        return name;
      } catch (error) {
        reasons.push(reasonOf(error));
      }
    }
    throw new Error(reasons.join('; '));
  },
  async webgpu() {
    const adapter = await exposeDawnWebGpu();
    require('@tensorflow/tfjs-backend-webgpu');
    if (!tf.findBackendFactory('webgpu')) throw new Error('tfjs-backend-webgpu did not register (loaded before navigator.gpu existed)');
    registerPadRank5('webgpu');
    registerWebGpuKernels();
    await activate('webgpu');
    return adapter.description;
  },
  async wasm(options) {
    require('@tensorflow/tfjs-backend-wasm');
    registerWasmKernels();
    configureWasmBackend(options.threads ?? os.availableParallelism());
    await activate('wasm');
    const threading = wasmThreading();
    return threading.fallbackReason && threading.threads === 1
      ? `1 thread, SIMD; ${threading.fallbackReason}`
      : `${threading.threads} threads, SIMD`;
  },
  async cpu() {
    require('@tensorflow/tfjs-backend-cpu');
    await activate('cpu');
    return 'plain JavaScript';
  },
};

const autoOrder: Exclude<BackendRequest, 'auto'>[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

/**
 * Activates a TensorFlow.js backend. 'auto' tries tfjs-node-gpu / tfjs-node, WebGPU (Dawn,
 * where a GPU adapter exists; never a software one), wasm (threaded, with this package's
 * kernels), then cpu, and reports why it passed over each one it skipped.
 */
export async function initBackend(requested: BackendRequest = 'auto', options: BackendOptions = {}): Promise<BackendChoice> {
  if (!backendRequests.includes(requested)) {
    throw new BackendUnavailableError(`unknown backend '${requested}'; choose one of ${backendRequests.join(', ')}`);
  }
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new BackendUnavailableError(`threads must be an integer >= 1, got ${options.threads}`);
  }
  const order = requested === 'auto' ? autoOrder : [requested];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of order) {
    try {
      if (name === 'webgpu' && requested === 'auto') probeHardwareAdapter();
      const detail = await attempts[name](options);
      const softwareAdapter = name === 'webgpu' && exposedWebGpuAdapter()?.software === true;
      const summary =
        `backend: ${name} (${detail}${softwareAdapter ? '; a software adapter' : ''})` +
        (skipped.length ? `; skipped ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}` : '');
      return { name, requested, detail, skipped, summary, softwareAdapter };
    } catch (error) {
      skipped.push({ name, reason: reasonOf(error) });
    }
  }
  throw new BackendUnavailableError(
    `could not start the '${requested}' backend: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}. ` +
      "Use --backend cpu (always available) or see the tf-backend README's backend section.",
  );
}
