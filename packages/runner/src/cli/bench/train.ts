import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SgdOptimizer, countTrainableParams, createModel, resolveModel, trainableParameters } from '@vpixmix/models';
import {
  backendRequests,
  formatKernelProfile,
  initBackend,
  profileKernels,
  useWebGpuKernels,
  type BackendRequest,
  type KernelProfile,
} from '@vpixmix/tf-backend';
import type { CommandIo } from '../command';
import { UsageError } from '../errors';
import { choiceOption, flagOption, numberOption, stringOption } from '../options';
import { asyncTrainStep } from './async-train-step';
import type { Benchmark } from './benchmark';
import { compareProfiles } from './compare-profiles';

const sharedBench = path.resolve(__dirname, '../../../../..', '../shared/bench');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** The PyTorch CPU step the model is compared with, as a script and its arguments. */
function referenceCommand(modelName: string, batch: number, frames: number, size: number): { script: string; args: string[]; what: string } | string {
  const spec = resolveModel(modelName);
  if (spec.family === 'wrn') {
    if (size !== 32) return 'the PyTorch Wide ResNet reference runs at 32x32 only';
    return { script: 'torch_wrn_bench.py', args: [spec.depth, spec.widen, batch, 5].map(String), what: `torch wrn-${spec.depth}-${spec.widen}` };
  }
  return { script: 'torch_r3d_bench.py', args: [batch, frames, size, 3].map(String), what: "torch r3d_18 (torchvision's full model)" };
}

/** Runs the PyTorch reference once; resolves to ms/step, or the reason it could not run. */
function measureReference(command: { script: string; args: string[] }, io: CommandIo): number | string {
  const script = path.join(sharedBench, command.script);
  if (!existsSync(script)) return `${script} is missing (the shared reference timings)`;
  const run = spawnSync('/usr/bin/python3', [script, ...command.args], {
    encoding: 'utf8',
    env: { ...process.env, THREADS: process.env['THREADS'] ?? '2' },
  });
  if (run.error) return `cannot run /usr/bin/python3: ${run.error.message}`;
  const match = /([\d.]+) ms\/step/.exec(run.stdout);
  if (run.status !== 0 || !match) return `the reference failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-1)[0]}`;
  io.err(`reference: ${run.stdout.trim()}`);
  return Number(match[1]);
}

export const trainBenchmark: Benchmark = {
  name: 'train',
  summary: 'Training-step ms/step (SGD, batch norm, dropout) of a model by name; --profile per kernel, --reference vs PyTorch.',
  usage: [
    'vpixmix bench train [--model wrn-16-4] [--batch 64] [--size 32] [--frames 8] [--steps 3]',
    '                    [--backend auto|tensorflow|webgpu|wasm|cpu] [--threads N] [--profile] [--reference]',
    '                    [--compare-stock]',
    '',
    "Times the models package's training step (forward in training mode, soft cross-entropy,",
    'gradients, Nesterov SGD with weight decay) on random data: one warm-up step, then --steps',
    'timed steps; prints ms/step (median). Video models (r3d-*) take clips of --frames frames.',
    '--profile adds a per-kernel table of one more step (calls, ms, share, slowest input shapes);',
    'on webgpu the times are GPU timestamps (timestamp-query). Steps read the loss back with an',
    'awaited data(), never a synchronous read (webgpu in Node has none).',
    "--compare-stock (webgpu) repeats the timing (and profile) with tfjs-backend-webgpu's own kernels",
    "in place of this project's, in the same run, and prints the speed-up per step and per kernel.",
    '--reference runs the PyTorch CPU step from ../shared/bench before and after ours, in this',
    'same run (/usr/bin/python3, THREADS=2 by default), and prints the ratio ours / reference:',
    'torch_wrn_bench.py for wrn-*, torch_r3d_bench.py (the full r3d_18) for r3d-*.',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    batch: { type: 'string' },
    size: { type: 'string' },
    frames: { type: 'string' },
    steps: { type: 'string' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    profile: { type: 'boolean' },
    'compare-stock': { type: 'boolean' },
    reference: { type: 'boolean' },
  },
  async run({ values }, io) {
    const modelName = stringOption(values, 'model', 'wrn-16-4');
    const batch = numberOption(values, 'batch', 64, { integer: true, min: 2 });
    const size = numberOption(values, 'size', 32, { integer: true, min: 8 });
    const frames = numberOption(values, 'frames', 8, { integer: true, min: 1 });
    const steps = numberOption(values, 'steps', 3, { integer: true, min: 1 });
    const backend = choiceOption<BackendRequest>(values, 'backend', backendRequests, 'auto');
    const threads = values['threads'] === undefined ? undefined : numberOption(values, 'threads', 1, { integer: true, min: 1 });
    let spec;
    try {
      spec = resolveModel(modelName);
    } catch (error) {
      throw new UsageError(`--model: ${(error as Error).message.replace(/^model: /, '')}`);
    }
    const video = spec.family === 'r3d';
    const reference = flagOption(values, 'reference') ? referenceCommand(modelName, batch, frames, size) : undefined;
    if (typeof reference === 'string') throw new UsageError(`--reference: ${reference}; drop --reference or use --size 32.`);

    const before = reference ? measureReference(reference, io) : undefined;

    const choice = await initBackend(backend, { threads });
    io.err(choice.summary);
    const compareStock = flagOption(values, 'compare-stock');
    if (compareStock && choice.name !== 'webgpu') {
      throw new UsageError(`--compare-stock compares the project's WebGPU kernels with tfjs-backend-webgpu's; the backend is ${choice.name}. Use --backend webgpu.`);
    }
    const inputShape = video ? [frames, size, size, 3] : [size, size, 3];
    const numClasses = video ? 101 : 10;
    const model = createModel(modelName, { numClasses, inputShape });
    const params = trainableParameters(model);
    const optimizer = new SgdOptimizer(params, { lr: 0.1 });
    const step = asyncTrainStep(model, optimizer, params, numClasses);
    const x = tf.randomUniform([batch, ...inputShape], 0, 1, 'float32', 1);
    const y = tf.randomUniform([batch], 0, numClasses, 'int32', 2);
    const what = `${modelName} (${countTrainableParams(model).toLocaleString('en-US')} params), batch ${batch}, input ${inputShape.join('x')}`;
    const profile = flagOption(values, 'profile');

    const measure = async (label: string): Promise<{ ms: number; profile?: KernelProfile }> => {
      const warm = performance.now();
      await step(x, y, 0.1, 0);
      io.err(`${label}: warm-up step: ${formatMs(performance.now() - warm)}`);
      const tensorsBefore = tf.memory().numTensors;
      const times: number[] = [];
      for (let i = 1; i <= steps; i++) {
        const t0 = performance.now();
        await step(x, y, 0.1, i);
        times.push(performance.now() - t0);
        const eta = (median(times) * (steps - i)) / 1000;
        io.err(`  step ${i}/${steps}  ${formatMs(times[times.length - 1])}  ETA ${eta.toFixed(0)} s`);
      }
      const leaked = tf.memory().numTensors - tensorsBefore;
      const ms = median(times);
      io.out(`${label}: ${formatMs(ms)}/step (median of ${steps}; tensors left behind: ${leaked})`);
      if (!profile) return { ms };
      const kernels = await profileKernels(async () => {
        await step(x, y, 0.1, steps + 1);
      });
      for (const line of formatKernelProfile(kernels)) io.out(`${label === 'train' ? 'profile' : `profile (${label})`}: ${line}`);
      return { ms, profile: kernels };
    };

    io.out(`train: ${what}, ${choice.summary}`);
    const ours = await measure('train');
    if (compareStock) {
      const previous = useWebGpuKernels(false);
      try {
        const stock = await measure('stock');
        io.out(`stock: tfjs-backend-webgpu's own kernels ${formatMs(stock.ms)}/step; ours ${formatMs(ours.ms)}/step: ${(stock.ms / ours.ms).toFixed(2)}x faster`);
        if (ours.profile && stock.profile) for (const line of compareProfiles(ours.profile, stock.profile)) io.out(`compare: ${line}`);
      } finally {
        useWebGpuKernels(previous);
      }
    }
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();

    if (reference) {
      const after = measureReference(reference, io);
      const measured = [before, after].filter((v): v is number => typeof v === 'number');
      if (measured.length === 0) {
        io.out(`reference: not measured (${String(after)})`);
      } else {
        const ref = measured.reduce((a, b) => a + b, 0) / measured.length;
        io.out(
          `reference: ${reference.what} bs${batch}: ${formatMs(ref)}/step (mean of ${measured.map((m) => formatMs(m)).join(' before, ')}` +
            `${measured.length === 2 ? ' after' : ''}); ratio ours / reference = ${(ours.ms / ref).toFixed(2)}x`,
        );
      }
    }
  },
};
