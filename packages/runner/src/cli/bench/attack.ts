import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { evaluationPgd, inferenceLogits, pgd } from '@vpixmix/attacks';
import { workspaceRoot } from '@vpixmix/augment-core';
import { createModel } from '@vpixmix/models';
import { backendRequests, resolveBackendRequest, initBackend, type BackendRequest } from '@vpixmix/tf-backend';
import type { CommandIo } from '../command';
import { UsageError } from '../errors';
import { choiceOption, flagOption, numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';

const referenceScript = path.join(__dirname, 'attack-reference.py');
const referenceWrn = path.resolve(workspaceRoot, '../shared/bench/torch_wrn_bench.py');

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  return seconds >= 90 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(1)} s`;
}

/** Runs the PyTorch reference in this same run; resolves to images/s, or the reason it could not run. */
function measureReference(depth: number, widen: number, batch: number, steps: number, batches: number, io: CommandIo): number | string {
  if (!existsSync(referenceWrn)) return `${referenceWrn} is missing (the shared reference timings)`;
  io.err(`reference: PyTorch PGD-${steps} on wrn-${depth}-${widen}, ${batches} batch(es) of ${batch} ...`);
  const run = spawnSync('/usr/bin/python3', [referenceScript, referenceWrn, ...[depth, widen, batch, steps, batches].map(String)], {
    encoding: 'utf8',
    env: { ...process.env, THREADS: process.env['THREADS'] ?? '2' },
  });
  if (run.error) return `cannot run /usr/bin/python3: ${run.error.message}`;
  const match = /([\d.]+) images\/s/.exec(run.stdout);
  if (run.status !== 0 || !match) return `the reference failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-1)[0]}`;
  io.err(`reference: ${run.stdout.trim()}`);
  return Number(match[1]);
}

export const attackBenchmark: Benchmark = {
  name: 'attack',
  summary: 'PGD-20 (L-inf 2/255) images/s on wrn-16-2 at 32x32; --reference times PyTorch in the same run.',
  usage: [
    'vpixmix bench attack [--model wrn-16-2] [--size 32] [--batch 32] [--batches 2] [--steps 20]',
    '                     [--backend auto|tensorflow|webgpu|wasm|cpu] [--reference]',
    '',
    "Times DESIGN.md's evaluation attack (PGD L-inf, eps 2/255, step 0.5/255, random start,",
    'model in inference mode) on a freshly initialised model and random [0, 1] images: one',
    'warm-up batch with one step, then --batches timed batches; prints images/s (median batch).',
    '--reference also runs the PixMix reference PGD in PyTorch on CPU (/usr/bin/python3,',
    'THREADS=2 by default) on the same architecture and prints the ratio ours / reference.',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    size: { type: 'string' },
    batch: { type: 'string' },
    batches: { type: 'string' },
    steps: { type: 'string' },
    backend: { type: 'string' },
    reference: { type: 'boolean' },
  },
  async run({ values }, io) {
    const modelName = stringOption(values, 'model', 'wrn-16-2');
    const size = numberOption(values, 'size', 32, { integer: true, min: 8 });
    const batch = numberOption(values, 'batch', 32, { integer: true, min: 1 });
    const batches = numberOption(values, 'batches', 2, { integer: true, min: 1 });
    const steps = numberOption(values, 'steps', 20, { integer: true, min: 1 });
    // --backend > VPIXMIX_BACKEND > auto.
    const backend = resolveBackendRequest(
      stringOption(values, 'backend') === undefined ? undefined : choiceOption<BackendRequest>(values, 'backend', backendRequests, 'auto'),
      'auto',
    ).request;
    const withReference = flagOption(values, 'reference');
    const wrn = /^wrn-(\d+)-(\d+)$/.exec(modelName);
    if (withReference && (!wrn || size !== 32)) {
      throw new UsageError('--reference: the PyTorch reference is a wrn-<depth>-<widen> at 32x32; drop --reference or use such a model.');
    }

    const choice = await initBackend(backend);
    io.err(choice.summary);
    const model = createModel(modelName, { numClasses: 10, inputShape: [size, size, 3] });
    const logits = inferenceLogits(model);
    const images = tf.randomUniform([batch, size, size, 3], 0, 1, 'float32', 1);
    const labels = tf.randomUniform([batch], 0, 10, 'int32', 2) as tf.Tensor1D;
    const options = { ...evaluationPgd, steps };

    const warmStart = performance.now();
    (await pgd(logits, images, labels, { ...options, steps: 1 })).dispose();
    io.err(`warm-up (1 step, batch ${batch}): ${formatSeconds((performance.now() - warmStart) / 1000)}`);

    const tensorsBefore = tf.memory().numTensors;
    const seconds: number[] = [];
    const started = performance.now();
    const total = batches * steps;
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now();
      const adversarial = await pgd(logits, images, labels, { ...options, seed: b }, {
        onStep: (done) => {
          const stepsDone = b * steps + done;
          const elapsed = (performance.now() - started) / 1000;
          const rate = (stepsDone / steps) * batch / elapsed;
          const eta = (elapsed / stepsDone) * (total - stepsDone);
          io.err(`  step ${stepsDone}/${total}  ${rate.toFixed(3)} images/s  ETA ${formatSeconds(eta)}`);
        },
      });
      await adversarial.data(); // waits for the device work (a GPU backend queues it)
      adversarial.dispose();
      seconds.push((performance.now() - t0) / 1000);
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    const median = [...seconds].sort((a, c) => a - c)[Math.floor((seconds.length - 1) / 2)];
    const ours = batch / median;
    io.out(
      `attack: PGD-${steps} L-inf on ${modelName} at ${size}x${size}, batch ${batch}, backend ${choice.name}: ` +
        `${ours.toFixed(3)} images/s (median of ${batches} batches, ${formatSeconds(median)} per batch; tensors left behind: ${leaked})`,
    );
    tf.dispose([images, labels]);
    model.dispose();

    if (withReference && wrn) {
      const reference = measureReference(Number(wrn[1]), Number(wrn[2]), batch, steps, batches, io);
      if (typeof reference === 'string') {
        io.out(`reference: not measured (${reference})`);
      } else {
        io.out(`reference: PyTorch CPU ${reference.toFixed(3)} images/s; ratio ours / reference = ${(ours / reference).toFixed(3)}`);
      }
    }
  },
};
