import * as tf from '@tensorflow/tfjs-core';
import {
  SgdOptimizer,
  countTrainableParams,
  createModel,
  createTrainStep,
  readStepResults,
  trainableParameters,
} from '@vpixmix/models';
import { initBackend, useWebGpuKernels } from '@vpixmix/tf-backend';

/** One training-step timing the check prints. */
export interface GpuCheckCase {
  model: string;
  batch: number;
  /** Input shape without the batch axis. */
  input: number[];
  numClasses: number;
  /** Images per training epoch: the check also prints the epoch time this step projects to. */
  epochImages?: number;
}

export const gpuCheckCases: GpuCheckCase[] = [
  { model: 'wrn-16-4', batch: 64, input: [32, 32, 3], numClasses: 10 },
  { model: 'r3d-18', batch: 8, input: [8, 32, 32, 3], numClasses: 101 },
  { model: 'r3d-18', batch: 2, input: [16, 112, 112, 3], numClasses: 101 },
  // The paper's CIFAR model: a CIFAR-10 epoch is 50000 images.
  { model: 'wrn-40-4', batch: 128, input: [32, 32, 3], numClasses: 10, epochImages: 50000 },
];

/** GPU_CHECK_CASES=wrn-16-4,wrn-40-4 keeps the cases of those models (default: all). */
export function selectedCases(filter = process.env['GPU_CHECK_CASES']): GpuCheckCase[] {
  if (!filter) return gpuCheckCases;
  const names = filter.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  const unknown = names.filter((n) => !gpuCheckCases.some((c) => c.model === n));
  if (unknown.length > 0) {
    throw new Error(`GPU_CHECK_CASES names ${unknown.join(', ')}; the cases are ${[...new Set(gpuCheckCases.map((c) => c.model))].join(', ')}`);
  }
  return gpuCheckCases.filter((c) => names.includes(c.model));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * The trainer's own step (createTrainStep), its loss read back asynchronously: an awaited
 * read also waits for the step's GPU work, and WebGPU in Node has no synchronous read.
 */
function timedTrainStep(model: ReturnType<typeof createModel>, numClasses: number) {
  const optimizer = new SgdOptimizer(trainableParameters(model), { lr: 0.1 });
  const trainStep = createTrainStep(model, optimizer, { numClasses });
  const step = async (x: tf.Tensor, y: tf.Tensor, seed: number): Promise<number> => (await readStepResults([trainStep({ x, y }, 0.1, seed)]))[0].loss;
  return { step, optimizer };
}

/** Times `steps` training steps (after one warm-up step, which compiles the shaders): one line, and the median ms. */
export async function timeTrainingStep(c: GpuCheckCase, steps: number): Promise<{ line: string; ms: number }> {
  const model = createModel(c.model, { numClasses: c.numClasses, inputShape: c.input });
  const { step, optimizer } = timedTrainStep(model, c.numClasses);
  const x = tf.randomUniform([c.batch, ...c.input], 0, 1, 'float32', 1);
  const y = tf.randomUniform([c.batch], 0, c.numClasses, 'int32', 2);
  const warm = performance.now();
  let loss = await step(x, y, 0);
  const warmMs = performance.now() - warm;
  const times: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const t0 = performance.now();
    loss = await step(x, y, i);
    times.push(performance.now() - t0);
  }
  const params = countTrainableParams(model);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  const ms = median(times);
  const line =
    `${c.model} (${params.toLocaleString('en-US')} params) batch ${c.batch} input ${c.input.join('x')}: ` +
    `${ms.toFixed(1)} ms/step (median of ${steps}; first step ${warmMs.toFixed(0)} ms; loss ${loss.toFixed(3)})`;
  return { line, ms };
}

/** The epoch time a step time projects to (epochImages / batch steps, the last partial batch counted pro rata). */
export function projectedEpoch(c: GpuCheckCase, ms: number): string | undefined {
  if (!c.epochImages) return undefined;
  const steps = c.epochImages / c.batch;
  return `projected epoch of ${c.epochImages} images (${steps.toFixed(1)} steps of ${c.batch}): ${((steps * ms) / 1000).toFixed(1)} s`;
}

/** Times one case with the project's WebGPU kernels and, when `stock`, again with tfjs-backend-webgpu's own. */
async function checkCase(c: GpuCheckCase, steps: number, stock: boolean, out: (line: string) => void): Promise<void> {
  const what = `${c.model} batch ${c.batch} input ${c.input.join('x')}`;
  const ours = await timeTrainingStep(c, steps);
  out(`gpu-check: ${ours.line}`);
  const epoch = projectedEpoch(c, ours.ms);
  if (epoch) out(`gpu-check: ${c.model} ${epoch}`);
  if (!stock) return;
  const previous = useWebGpuKernels(false);
  try {
    const theirs = await timeTrainingStep(c, steps);
    out(`gpu-check: stock kernels: ${theirs.line}; ours ${(theirs.ms / ours.ms).toFixed(2)}x faster`);
    const stockEpoch = projectedEpoch(c, theirs.ms);
    if (stockEpoch) out(`gpu-check: stock kernels: ${c.model} ${stockEpoch}`);
  } catch (error) {
    out(`gpu-check: stock kernels: ${what}: failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    useWebGpuKernels(previous);
  }
}

/**
 * Initialises WebGPU and prints one line per figure; exit code 2 when no GPU adapter is there.
 * GPU_CHECK_STOCK=1 times each case also with tfjs-backend-webgpu's own kernels (same run).
 */
export async function runGpuCheck(out: (line: string) => void, steps = 3, stock = process.env['GPU_CHECK_STOCK'] === '1'): Promise<number> {
  const cases = selectedCases();
  const started = performance.now();
  let summary: string;
  let softwareAdapter: boolean;
  try {
    ({ summary, softwareAdapter } = await initBackend('webgpu'));
  } catch (error) {
    out(`gpu-check: webgpu unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  // A software adapter (Mesa's llvmpipe/lavapipe, SwiftShader, a fallback adapter) runs WebGPU on the CPU.
  if (softwareAdapter && !process.env.GPU_CHECK_ALLOW_SOFTWARE) {
    out(`gpu-check: webgpu unavailable: only a software adapter (${summary}); its timings are not GPU figures (GPU_CHECK_ALLOW_SOFTWARE=1 runs them anyway)`);
    return 2;
  }
  out(`gpu-check: ${summary} (started in ${(performance.now() - started).toFixed(0)} ms)`);
  for (const c of cases) {
    try {
      await checkCase(c, steps, stock, out);
    } catch (error) {
      out(`gpu-check: ${c.model} batch ${c.batch} input ${c.input.join('x')}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return 0;
}
