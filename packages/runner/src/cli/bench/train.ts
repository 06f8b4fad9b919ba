import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SgdOptimizer, countTrainableParams, createModel, createTrainStep, readStepResults, resolveModel, trainableParameters } from '@vpixmix/models';
import {
  backendRequests,
  formatKernelProfile,
  initBackend,
  profileKernels,
  resolveBackendRequest,
  useWebGpuKernels,
  type BackendRequest,
  type KernelProfile,
} from '@vpixmix/tf-backend';
import type { CommandIo } from '../command';
import { UsageError } from '../errors';
import { choiceOption, flagOption, numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';
import { compareProfiles, fastestPerKernel } from './compare-profiles';

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
    // --backend > VPIXMIX_BACKEND > auto.
    const backend = resolveBackendRequest(
      stringOption(values, 'backend') === undefined ? undefined : choiceOption<BackendRequest>(values, 'backend', backendRequests, 'auto'),
      'auto',
    ).request;
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
    const optimizer = new SgdOptimizer(trainableParameters(model), { lr: 0.1 });
    const trainStep = createTrainStep(model, optimizer, { numClasses });
    // The trainer's own step; awaiting its read also waits for the step's device work.
    const step = async (x: tf.Tensor, y: tf.Tensor, lr: number, seed: number) => readStepResults([trainStep({ x, y }, lr, seed)]);
    const x = tf.randomUniform([batch, ...inputShape], 0, 1, 'float32', 1);
    const y = tf.randomUniform([batch], 0, numClasses, 'int32', 2);
    const what = `${modelName} (${countTrainableParams(model).toLocaleString('en-US')} params), batch ${batch}, input ${inputShape.join('x')}`;

    const timeStep = async (i: number): Promise<number> => {
      const t0 = performance.now();
      await step(x, y, 0.1, i);
      return performance.now() - t0;
    };
    const profileStep = (i: number) =>
      profileKernels(async () => {
        await step(x, y, 0.1, i);
      });
    /** Runs f with the project's kernels (true) or the stock ones (false). */
    const withKernels = async <T>(ours: boolean, f: () => Promise<T>): Promise<T> => {
      const previous = useWebGpuKernels(ours);
      try {
        return await f();
      } finally {
        useWebGpuKernels(previous);
      }
    };
    // With --compare-stock, ours and stock alternate step by step, so that load from other
    // processes falls on both alike.
    const variants = compareStock ? [true, false] : [undefined];
    const run = <T>(variant: boolean | undefined, f: () => Promise<T>) => (variant === undefined ? f() : withKernels(variant, f));
    const label = (variant: boolean | undefined) => (variant === false ? 'stock' : 'train');
    const times = new Map<boolean | undefined, number[]>(variants.map((v) => [v, []]));

    io.out(`train: ${what}, ${choice.summary}`);
    for (const variant of variants) {
      const warm = performance.now();
      await run(variant, () => step(x, y, 0.1, 0));
      io.err(`${label(variant)}: warm-up step: ${formatMs(performance.now() - warm)}`);
    }
    const tensorsBefore = tf.memory().numTensors;
    for (let i = 1; i <= steps; i++) {
      for (const variant of variants) {
        const ms = await run(variant, () => timeStep(i));
        times.get(variant)?.push(ms);
        io.err(`  ${label(variant)} step ${i}/${steps}  ${formatMs(ms)}`);
      }
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    const medians = new Map(variants.map((v) => [v, median(times.get(v) ?? [])]));
    for (const variant of variants) {
      io.out(`${label(variant)}: ${formatMs(medians.get(variant) ?? 0)}/step (median of ${steps}; tensors left behind: ${leaked})`);
    }
    const ours = { ms: medians.get(variants[0]) ?? 0 };
    if (compareStock) {
      const stockMs = medians.get(false) ?? 0;
      io.out(`stock: tfjs-backend-webgpu's own kernels ${formatMs(stockMs)}/step; ours ${formatMs(ours.ms)}/step: ${(stockMs / ours.ms).toFixed(2)}x faster`);
    }
    if (flagOption(values, 'profile')) {
      const rounds = compareStock ? Math.min(steps, 3) : 1;
      const profiles = new Map<boolean | undefined, KernelProfile[]>(variants.map((v) => [v, []]));
      for (let r = 0; r < rounds; r++) {
        for (const variant of variants) profiles.get(variant)?.push(await run(variant, () => profileStep(steps + 1 + r)));
      }
      const best = new Map(variants.map((v) => [v, fastestPerKernel(profiles.get(v) ?? [])]));
      for (const variant of variants) {
        const prefix = variant === false ? 'profile (stock)' : 'profile';
        if (rounds > 1) io.out(`${prefix}: each kernel's fastest of ${rounds} profiled steps`);
        for (const line of formatKernelProfile(best.get(variant) as KernelProfile)) io.out(`${prefix}: ${line}`);
      }
      if (compareStock) for (const line of compareProfiles(best.get(true) as KernelProfile, best.get(false) as KernelProfile)) io.out(`compare: ${line}`);
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
