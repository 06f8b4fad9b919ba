import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { type WasmModule, startThreadedWasmModule, unrefPoolWorkers, wasmThreadsSupported } from './threaded-wasm';

export interface WasmThreading {
  /** Threads XNNPACK runs on (1 when the single-threaded build runs). */
  threads: number;
  /** Why the threaded build is not running, when it is not. */
  fallbackReason?: string;
}

let threading: WasmThreading = { threads: 1, fallbackReason: 'the wasm backend has not started' };
let stockFactory: (() => tf.KernelBackend | Promise<tf.KernelBackend>) | undefined;
let configuredThreads: number | undefined;
let started = false;

/** How the running wasm backend is threaded. */
export function wasmThreading(): WasmThreading {
  return threading;
}

/**
 * Makes `tf.setBackend('wasm')` start the threaded-SIMD build with `threads` XNNPACK threads
 * (1 keeps the stock single-threaded SIMD build). Has no effect once the wasm backend has
 * started (returns false then). If the threaded build cannot start, the stock build starts
 * instead and `wasmThreading()` says why.
 */
export function configureWasmBackend(threads: number): boolean {
  if (started) return false;
  if (configuredThreads === threads) return true;
  stockFactory ??= tf.findBackendFactory('wasm') ?? undefined;
  const stock = stockFactory;
  if (!stock) throw new Error('@tensorflow/tfjs-backend-wasm did not register its backend');
  tf.removeBackend('wasm');
  configuredThreads = threads;
  const useStock = async (reason: string) => {
    threading = { threads: 1, fallbackReason: reason };
    wasm.setThreadsCount(1);
    const backend = await stock();
    started = true;
    return backend;
  };
  tf.registerBackend(
    'wasm',
    async () => {
      if (threads <= 1) return useStock('1 thread requested');
      if (!wasmThreadsSupported()) return useStock('this Node has no shared WebAssembly memory');
      let module: WasmModule;
      try {
        module = await startThreadedWasmModule();
      } catch (error) {
        return useStock(`threaded build failed to start: ${error instanceof Error ? error.message : String(error)}`);
      }
      wasm.setThreadsCount(threads);
      const backend = new wasm.BackendWasm(module as unknown as ConstructorParameters<typeof wasm.BackendWasm>[0]);
      unrefPoolWorkers(module);
      threading = { threads: wasm.getThreadsCount() };
      started = true;
      return backend;
    },
    2,
  );
  return true;
}
