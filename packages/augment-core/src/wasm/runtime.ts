import { assembleModule, type WasmFunction, type WasmImport } from './assembler';

/** The few WebAssembly declarations we use (the workspace compiles without the DOM library). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const PAGE = 65536;

/**
 * Assembles and instantiates kernels (synchronously: they are small), or returns null where
 * WebAssembly is unavailable; the callers then keep to their JavaScript loops.
 */
export function instantiateKernels<E extends { memory: WasmMemory }>(functions: readonly WasmFunction[], imports: readonly WasmImport[] = [], importObject: object = {}): E | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  const module = new api.Module(assembleModule(functions, imports));
  return new api.Instance(module, importObject).exports as unknown as E;
}

/** Grows `memory` to at least `bytes`; true when it grew (every view on it must be made anew). */
export function growMemory(memory: WasmMemory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return false;
  memory.grow(Math.ceil((bytes - have) / PAGE));
  return true;
}
