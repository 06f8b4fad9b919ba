import * as tf from '@tensorflow/tfjs-core';
import { SgdOptimizer, countTrainableParams, createModel, createTrainStep, trainableParameters } from '@vpixmix/models';
import { initBackend } from '@vpixmix/tf-backend';

/** One training-step timing the check prints. */
export interface GpuCheckCase {
  model: string;
  batch: number;
  /** Input shape without the batch axis. */
  input: number[];
  numClasses: number;
}

export const gpuCheckCases: GpuCheckCase[] = [
  { model: 'wrn-16-4', batch: 64, input: [32, 32, 3], numClasses: 10 },
  { model: 'r3d-18', batch: 8, input: [8, 32, 32, 3], numClasses: 101 },
  { model: 'r3d-18', batch: 2, input: [16, 112, 112, 3], numClasses: 101 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Times `steps` training steps (after one warm-up step, which compiles the shaders) and returns one line. */
export function timeTrainingStep(c: GpuCheckCase, steps: number): string {
  const model = createModel(c.model, { numClasses: c.numClasses, inputShape: c.input });
  const optimizer = new SgdOptimizer(trainableParameters(model), { lr: 0.1 });
  const step = createTrainStep(model, optimizer, { numClasses: c.numClasses });
  const x = tf.randomUniform([c.batch, ...c.input], 0, 1, 'float32', 1);
  const y = tf.randomUniform([c.batch], 0, c.numClasses, 'int32', 2);
  const warm = performance.now();
  const first = step({ x, y }, 0.1, 0);
  const warmMs = performance.now() - warm;
  const times: number[] = [];
  let last = first;
  for (let i = 1; i <= steps; i++) {
    const t0 = performance.now();
    last = step({ x, y }, 0.1, i); // reads the loss back, so the GPU work is done when it returns
    times.push(performance.now() - t0);
  }
  const params = countTrainableParams(model);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return (
    `${c.model} (${params.toLocaleString('en-US')} params) batch ${c.batch} input ${c.input.join('x')}: ` +
    `${median(times).toFixed(1)} ms/step (median of ${steps}; first step ${warmMs.toFixed(0)} ms; loss ${last.loss.toFixed(3)})`
  );
}

/** Initialises WebGPU and prints one line per figure; exit code 2 when no GPU adapter is there. */
export async function runGpuCheck(out: (line: string) => void, steps = 3): Promise<number> {
  const started = performance.now();
  let summary: string;
  try {
    summary = (await initBackend('webgpu')).summary;
  } catch (error) {
    out(`gpu-check: webgpu unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  out(`gpu-check: ${summary} (started in ${(performance.now() - started).toFixed(0)} ms)`);
  for (const c of gpuCheckCases) {
    try {
      out(`gpu-check: ${timeTrainingStep(c, steps)}`);
    } catch (error) {
      out(`gpu-check: ${c.model} batch ${c.batch} input ${c.input.join('x')}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return 0;
}
