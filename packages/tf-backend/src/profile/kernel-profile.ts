import * as tf from '@tensorflow/tfjs-core';

/** Time spent in one kernel over a profiled run. */
export interface KernelTiming {
  kernel: string;
  calls: number;
  ms: number;
  /** Share of all kernel time, 0..1. */
  share: number;
  /** The input shapes of its most expensive call. */
  slowestInputs: number[][];
  slowestMs: number;
}

export interface KernelProfile {
  /** Wall time of the whole profiled function. */
  wallMs: number;
  /** Sum of all kernel times (kernels only; time between kernels is wallMs minus this). */
  kernelMs: number;
  kernels: KernelTiming[];
  /** What the kernel times are: GPU timestamps, or the backend's own timer. */
  timer: string;
}

/** How the active backend times kernels under tf.profile, in words. */
export function kernelTimer(): string {
  const backend = tf.backend() as unknown as { supportTimestampQuery?: boolean };
  if (tf.getBackend() !== 'webgpu') return `${tf.getBackend()} backend timer (wall clock per kernel)`;
  return backend.supportTimestampQuery
    ? 'GPU timestamp-query per kernel (each kernel in its own compute pass)'
    : 'none: this WebGPU device has no timestamp-query, so kernel times read 0';
}

/**
 * Runs `f` under tf.profile and sums kernel time per kernel name. Only registered kernels
 * count: op scopes and custom-gradient wrappers that tf.profile also lists would count their
 * kernels twice.
 */
export async function profileKernels(f: () => void | Promise<void>): Promise<KernelProfile> {
  const backendName = tf.getBackend();
  const start = performance.now();
  const info = await tf.profile(async () => {
    await f();
  });
  const wallMs = performance.now() - start;
  const byName = new Map<string, KernelTiming>();
  for (const kernel of info.kernels) {
    if (!tf.getKernel(kernel.name, backendName)) continue;
    const ms = Number(kernel.kernelTimeMs) || 0;
    const entry = byName.get(kernel.name) ?? {
      kernel: kernel.name,
      calls: 0,
      ms: 0,
      share: 0,
      slowestInputs: [],
      slowestMs: -1,
    };
    entry.calls += 1;
    entry.ms += ms;
    if (ms > entry.slowestMs) {
      entry.slowestMs = ms;
      entry.slowestInputs = kernel.inputShapes.map((shape) => [...(shape ?? [])]);
    }
    byName.set(kernel.name, entry);
  }
  const kernels = [...byName.values()].sort((a, b) => b.ms - a.ms);
  const kernelMs = kernels.reduce((total, k) => total + k.ms, 0);
  for (const k of kernels) k.share = kernelMs > 0 ? k.ms / kernelMs : 0;
  return { wallMs, kernelMs, kernels, timer: kernelTimer() };
}

/** The profile as aligned text lines: kernel, calls, ms, share, slowest call's input shapes. */
export function formatKernelProfile(profile: KernelProfile, top = 25): string[] {
  const lines = [
    `kernel time ${profile.kernelMs.toFixed(0)} ms of ${profile.wallMs.toFixed(0)} ms wall (timer: ${profile.timer})`,
    `${'kernel'.padEnd(24)} ${'calls'.padStart(6)} ${'ms'.padStart(9)} ${'share'.padStart(6)}  slowest call's inputs`,
  ];
  for (const k of profile.kernels.slice(0, top)) {
    const shapes = k.slowestInputs.map((s) => `[${s.join(',')}]`).join(' ');
    lines.push(
      `${k.kernel.padEnd(24)} ${String(k.calls).padStart(6)} ${k.ms.toFixed(1).padStart(9)} ${(100 * k.share).toFixed(1).padStart(5)}%  ${shapes}`,
    );
  }
  const rest = profile.kernels.slice(top);
  if (rest.length > 0) {
    const ms = rest.reduce((t, k) => t + k.ms, 0);
    lines.push(`${`(${rest.length} more)`.padEnd(24)} ${''.padStart(6)} ${ms.toFixed(1).padStart(9)}`);
  }
  return lines;
}
