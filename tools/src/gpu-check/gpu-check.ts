import * as tf from '@tensorflow/tfjs-core';
import {
  SgdOptimizer,
  countTrainableParams,
  createModel,
  labelDistribution,
  softCrossEntropy,
  trainableParameters,
} from '@vpixmix/models';
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

/**
 * The models package's training step (training-mode forward, soft cross-entropy, gradients of
 * the optimizer's variables, Nesterov SGD), reading the loss back asynchronously: on WebGPU in
 * Node a synchronous read (dataSync) needs OffscreenCanvas, which Node lacks.
 */
function asyncTrainStep(model: ReturnType<typeof createModel>, numClasses: number) {
  const params = trainableParameters(model);
  const optimizer = new SgdOptimizer(params, { lr: 0.1 });
  const byEngineName = new Map(params.map((p) => [p.variable.name, p.name]));
  const variables = params.map((p) => p.variable);
  const step = async (x: tf.Tensor, y: tf.Tensor, seed: number): Promise<number> => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.apply(x, { training: true, dropoutSeed: seed }) as tf.Tensor;
        return softCrossEntropy(logits, labelDistribution(y, numClasses)) as tf.Scalar;
      }, variables);
      const named: tf.NamedTensorMap = {};
      for (const [name, grad] of Object.entries(grads)) named[byEngineName.get(name) ?? name] = grad;
      optimizer.step(named, 0.1);
      return value;
    });
    const value = (await loss.data())[0]; // waits for the GPU work of the whole step
    loss.dispose();
    return value;
  };
  return { step, optimizer };
}

/** Times `steps` training steps (after one warm-up step, which compiles the shaders) and returns one line. */
export async function timeTrainingStep(c: GpuCheckCase, steps: number): Promise<string> {
  const model = createModel(c.model, { numClasses: c.numClasses, inputShape: c.input });
  const { step, optimizer } = asyncTrainStep(model, c.numClasses);
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
  return (
    `${c.model} (${params.toLocaleString('en-US')} params) batch ${c.batch} input ${c.input.join('x')}: ` +
    `${median(times).toFixed(1)} ms/step (median of ${steps}; first step ${warmMs.toFixed(0)} ms; loss ${loss.toFixed(3)})`
  );
}

/** Initialises WebGPU and prints one line per figure; exit code 2 when no GPU adapter is there. */
export async function runGpuCheck(out: (line: string) => void, steps = 3): Promise<number> {
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
  for (const c of gpuCheckCases) {
    try {
      out(`gpu-check: ${await timeTrainingStep(c, steps)}`);
    } catch (error) {
      out(`gpu-check: ${c.model} batch ${c.batch} input ${c.input.join('x')}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return 0;
}
