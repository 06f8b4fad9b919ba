import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from './register';

/** Deterministic values in [-1, 1) for test tensors (a 32-bit LCG). */
export function testValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `f` on a backend and returns its outputs as plain arrays (every tensor made is disposed). */
export async function onBackend(name: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  if (name === 'wasm') registerWasmKernels();
  await tf.setBackend(name);
  const outputs = tf.tidy(f);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const values = list.map((t) => t.dataSync() as Float32Array);
  tf.dispose(list);
  return values;
}

/** Largest |a - b| relative to the largest |b| (the comparison every kernel test uses). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 1e-6;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    maxRef = Math.max(maxRef, Math.abs(b[i]));
  }
  return maxDiff / maxRef;
}

/** The same computation on wasm (project kernels) and cpu; returns the worst relative error over its outputs. */
export async function compareWithCpu(f: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const reference = await onBackend('cpu', f);
  const ours = await onBackend('wasm', f);
  if (reference.length !== ours.length) return Infinity;
  return Math.max(...ours.map((values, i) => relativeError(values, reference[i])));
}
