import os from 'node:os';
import * as path from 'node:path';

/** The emscripten module of the wasm backend, as far as this package uses it. */
export interface WasmModule {
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  PThread?: { runningWorkers: { unref(): void }[] };
  tfjs: {
    init(): void;
    initWithThreadsCount(count: number): void;
    getThreadsCount(): number;
    registerTensor(id: number, size: number, memoryOffset: number): void;
    disposeData(id: number): void;
    dispose(): void;
  };
}

type WasmFactory = (config: Record<string, unknown>) => Promise<WasmModule>;

// Resolved when first needed: a bundle that never starts wasm need not carry the package.
const wasmOut = (file: string) =>
  path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out', file);

function attachBridge(module: WasmModule): WasmModule {
  // The same C entry points the stock loader wraps (tfjs-backend-wasm's init()).
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/**
 * Starts the threaded-SIMD build of the wasm backend in Node. The stock loader cannot: it
 * never picks the threaded build under Node, and when forced it hands Node's Worker a blob:
 * URL. Here the pthread workers start from ./pthread-worker.js and load the module script
 * by path. The C side sizes its pool as "logical cores / 2" (it assumes hyper-threading);
 * `os.cpus` is doubled while the module initialises so that `threads` cores can be used.
 */
export async function startThreadedWasmModule(): Promise<WasmModule> {
  const factory = require(wasmOut('tfjs-backend-wasm-threaded-simd.js')) as WasmFactory;
  const config = {
    locateFile(file: string): string {
      if (file.endsWith('.worker.js')) return path.join(__dirname, 'pthread-worker.js');
      return wasmOut(file);
    },
    mainScriptUrlOrBlob: wasmOut('tfjs-backend-wasm-threaded-simd.js'),
  };
  const realCpus = os.cpus;
  os.cpus = () => [...realCpus(), ...realCpus()];
  try {
    return attachBridge(await factory(config));
  } finally {
    os.cpus = realCpus;
  }
}

/** Lets the process exit while the pool's pthread workers idle (emscripten keeps running ones referenced). */
export function unrefPoolWorkers(module: WasmModule): void {
  for (const worker of module.PThread?.runningWorkers ?? []) worker.unref();
}

export function wasmThreadsSupported(): boolean {
  try {
    const wasmApi = (globalThis as { WebAssembly?: { Memory: new (d: object) => unknown } }).WebAssembly;
    if (!wasmApi) return false;
    new wasmApi.Memory({ initial: 1, maximum: 1, shared: true });
    return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
  } catch {
    return false;
  }
}

