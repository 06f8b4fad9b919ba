import * as tf from '@tensorflow/tfjs-core';

export type BackendRequest = 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export const backendRequests: readonly BackendRequest[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

export interface BackendChoice {
  /** The tfjs backend now active: 'tensorflow', 'webgpu', 'wasm' or 'cpu'. */
  name: string;
  requested: BackendRequest;
  /** Backends tried before the chosen one, and why each was passed over. */
  skipped: { name: string; reason: string }[];
  /** One line for logs: what was chosen and why the others were skipped. */
  summary: string;
}

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

type Attempt = () => Promise<void>;

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 160);
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed to initialise`);
  await tf.ready();
}

const attempts: Record<Exclude<BackendRequest, 'auto'>, Attempt> = {
  async tensorflow() {
    try {
      require('@tensorflow/tfjs-node-gpu');
    } catch (gpuError) {
      try {
        require('@tensorflow/tfjs-node');
      } catch (cpuError) {
        throw new Error(`tfjs-node-gpu: ${reasonOf(gpuError)}; tfjs-node: ${reasonOf(cpuError)}`);
      }
    }
    await activate('tensorflow');
  },
  async webgpu() {
    throw new Error('the WebGPU backend is not wired up yet');
  },
  async wasm() {
    require('@tensorflow/tfjs-backend-wasm');
    await activate('wasm');
  },
  async cpu() {
    require('@tensorflow/tfjs-backend-cpu');
    await activate('cpu');
  },
};

const autoOrder: Exclude<BackendRequest, 'auto'>[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

/**
 * Activates a TensorFlow.js backend. 'auto' tries tfjs-node-gpu / tfjs-node, WebGPU, wasm,
 * then cpu, and reports why it passed over each one it skipped.
 */
export async function initBackend(requested: BackendRequest = 'auto'): Promise<BackendChoice> {
  if (!backendRequests.includes(requested)) {
    throw new BackendUnavailableError(`unknown backend '${requested}'; choose one of ${backendRequests.join(', ')}`);
  }
  const order = requested === 'auto' ? autoOrder : [requested];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of order) {
    try {
      await attempts[name]();
      const summary =
        `backend: ${name}` + (skipped.length ? ` (skipped ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : '');
      return { name, requested, skipped, summary };
    } catch (error) {
      skipped.push({ name, reason: reasonOf(error) });
    }
  }
  throw new BackendUnavailableError(
    `could not start the '${requested}' backend: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}. ` +
      "Use --backend cpu (always available) or see the README's backend section.",
  );
}
