import { promises as fs } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { AugmentPool, type ImageF32, type MixingSource, Rng } from '@vpixmix/augment-core';
import {
  type AnyDataset,
  type Augmenter,
  Pipeline,
  Ucf101Dataset,
  naivePixmixClipAugmenter,
  openCifar10,
  openShapes,
  pixmixAugmenter,
  randomSubset,
  verifyDataset,
  writeUcf101Fixture,
} from '@vpixmix/datasets';
import { FractalSource } from '@vpixmix/mixing-sets';
import { initBackend } from '@vpixmix/tf-backend';
import { referencePixmixRate } from '../augment/reference-bench';
import type { CommandIo } from '../command';
import { numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';

/** Mixing pictures drawn once and held in memory, as the reference loads its mixing set before training. */
function preloaded(source: MixingSource, count: number, size: number): MixingSource {
  const pictures = Array.from({ length: count }, (_, i) => source.picture(i, size, size, Rng.seeded(0, 'bench-mixing', i)));
  return {
    name: `${source.name} x${count} @${size}`,
    length: count,
    picture: (index: number) => ({ ...pictures[index % count], data: pictures[index % count].data.slice() }) as ImageF32,
  };
}

/** Blocks this thread for `ms`, as a tfjs-cpu training step does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* a model step would be computing here */
  }
}

interface Run {
  samples: number;
  seconds: number;
  waitShare: number;
  startupMs: number;
}

/** Consumes `samples` items (whole epochs) as a training loop would: tensors, a step of `stepMs`, dispose. */
async function consume(pipeline: Pipeline, samples: number, stepMs: number): Promise<Run> {
  const before = tf.memory().numTensors;
  const started = performance.now();
  let seen = 0;
  for (let epoch = 0; seen < samples; epoch++) {
    for await (const batch of pipeline.hostBatches(epoch)) {
      const tensors = pipeline.toTensors(batch);
      busy(stepMs);
      tf.dispose(tensors);
      seen += batch.indices.length;
      if (seen >= samples) break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (tf.memory().numTensors !== before) throw new Error(`tensors leaked: ${tf.memory().numTensors - before}`);
  return { samples: seen, seconds, waitShare: pipeline.waitShare(), startupMs: pipeline.stats.startupMs };
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

function stepList(text: string): number[] {
  const steps = text.split(',').map(Number);
  if (steps.some((s) => !Number.isFinite(s) || s < 0)) throw new Error(`--step-ms takes comma-separated milliseconds, got '${text}'`);
  return steps;
}

async function imagesPart(io: CommandIo, o: { images: number; batch: number; steps: number[]; pool: AugmentPool }): Promise<{ lines: string[]; best: number }> {
  const real = verifyDataset('cifar10').status === 'ok';
  const base: AnyDataset = real ? openCifar10({ split: 'train' }) : openShapes('train', { trainSize: o.images });
  const dataset = randomSubset(base, o.images, 0);
  io.err(`[bench pipeline] images: ${dataset.name}, rendering/reading ${dataset.length} items and 128 fractal mixing pictures first (not timed)`);
  for (let i = 0; i < dataset.length; i++) if (dataset.kind === 'image') dataset.item(i);
  const mixing = preloaded(new FractalSource({ count: 128, seed: 0 }), 128, 32);
  const lines = [`images: ${dataset.name} 32x32, PixMix (k 4, beta 3, severity 3, all ops) after crop+flip, batch ${o.batch}, ${o.images} samples per figure`];
  const run = async (augment: Augmenter | undefined, stepMs: number, label: string) => {
    const pipeline = new Pipeline(dataset, { batchSize: o.batch, seed: 0, augment, prefetch: 4 });
    io.err(`[bench pipeline] images: ${label}, step ${stepMs} ms`);
    const r = await consume(pipeline, o.images, stepMs);
    lines.push(`  ${label.padEnd(30)} step ${String(stepMs).padStart(4)} ms: ${fmt(r.samples / r.seconds).padStart(7)} samples/s, consumer waits ${pct(r.waitShare).padStart(6)} of steady time (start-up ${fmt(r.startupMs)} ms)`);
    return r.samples / r.seconds;
  };
  await run(pixmixAugmenter({ mixing, pool: o.pool }), 0, 'warm-up'); // workers load their code
  lines.pop();
  await run(undefined, 0, 'read + batch only');
  const inline = await run(pixmixAugmenter({ mixing }), 0, 'PixMix on this thread');
  let best = 0;
  for (const step of o.steps) best = Math.max(best, await run(pixmixAugmenter({ mixing, pool: o.pool }), step, `PixMix on ${o.pool.size} worker${o.pool.size > 1 ? 's' : ''}`));
  return { lines, best: Math.max(best, inline) };
}

async function clipsPart(io: CommandIo, o: { clips: number; batch: number; steps: number[]; pool: AugmentPool; frames: number; size: number; keep?: string }): Promise<{ lines: string[]; best: number }> {
  const real = verifyDataset('ucf101').status === 'ok';
  const dir = o.keep ? path.resolve(o.keep) : await fs.mkdtemp(path.join(tmpdir(), 'vpixmix-bench-pipeline-'));
  const root = real ? undefined : dir;
  if (!real) {
    io.err(`[bench pipeline] clips: writing a UCF101-layout fixture with ffmpeg (24 videos, 320x240, 25 fps, 4 s, mpeg4) in ${dir}`);
    await writeUcf101Fixture(dir, { classes: ['ApplyEyeMakeup', 'Basketball', 'HandstandPushups', 'YoYo'], groupsPerClass: 7, testGroups: [7], frames: 100, width: 320, height: 240 });
  }
  const cacheDir = path.join(dir, 'decoded-clip-cache');
  const dataset = Ucf101Dataset.open({ root, split: 'train', frames: o.frames, size: o.size });
  const cached = Ucf101Dataset.open({ root, split: 'train', frames: o.frames, size: o.size, cacheDir });
  const mixing = preloaded(new FractalSource({ count: 32, seed: 0 }), 32, o.size);
  const lines = [
    `clips: ${real ? 'UCF101 split 1 train' : `${dataset.length} fixture videos (320x240, 25 fps, mpeg4, 4 s)`}, ${o.frames}x${o.size}x${o.size} (decode 171x128, random clip + crop), naive per-frame PixMix, batch ${o.batch}, ${o.clips} clips per figure`,
  ];
  try {
    const run = async (clips: AnyDataset, augment: Augmenter | undefined, stepMs: number, label: string) => {
      const pipeline = new Pipeline(clips, { batchSize: o.batch, seed: 0, augment, prefetch: 3, readConcurrency: 4 });
      io.err(`[bench pipeline] clips: ${label}, step ${stepMs} ms`);
      const r = await consume(pipeline, o.clips, stepMs);
      lines.push(`  ${label.padEnd(30)} step ${String(stepMs).padStart(4)} ms: ${fmt(r.samples / r.seconds, 1).padStart(7)} clips/s (${fmt((r.samples * o.frames) / r.seconds).padStart(5)} frames/s), consumer waits ${pct(r.waitShare).padStart(6)} (start-up ${fmt(r.startupMs)} ms)`);
      return r.samples / r.seconds;
    };
    await run(dataset, undefined, 0, 'decode + batch only');
    let best = 0;
    for (const step of o.steps) best = Math.max(best, await run(dataset, naivePixmixClipAugmenter({ mixing, pool: o.pool }), step, `decode + PixMix, ${o.pool.size} worker${o.pool.size > 1 ? 's' : ''}`));
    if (!real) {
      io.err('[bench pipeline] clips: filling the decoded-clip cache (not timed)');
      for (let i = 0; i < cached.length; i++) await cached.item(i);
      await run(cached, undefined, 0, 'cache + batch only');
      for (const step of o.steps) best = Math.max(best, await run(cached, naivePixmixClipAugmenter({ mixing, pool: o.pool }), step, `cache + PixMix, ${o.pool.size} worker${o.pool.size > 1 ? 's' : ''}`));
    }
    return { lines, best };
  } finally {
    if (!o.keep) await fs.rm(dir, { recursive: true, force: true });
  }
}

export const pipelineBenchmark: Benchmark = {
  name: 'pipeline',
  summary: 'Training input: samples/s through read + PixMix + batch (32x32 images, 16x112x112 clips) and the share of time a consumer waits.',
  usage: `vpixmix bench pipeline [options]

Runs the datasets Pipeline as a training loop would (host batches -> tensors -> a model step ->
dispose) and reports samples/s and the share of the consumer's steady-state time spent waiting
for data (start-up, the first batch of each epoch, is reported apart). The model step is
simulated by blocking the main thread for --step-ms, as a tfjs-cpu step does.
  - images: CIFAR-10 train if datasets/cifar10 verifies, else the embedded shapes set; PixMix
    with 128 fractal mixing pictures held in memory, on this thread and on the worker pool;
  - clips: UCF101 split 1 train if datasets/ucf101 verifies, else 16 UCF101-layout videos made
    with ffmpeg; decode at 171x128, random 16-frame clip and 112 crop, naive per-frame PixMix.
The reference PixMix loop (../shared/bench/pixmix_ref_bench.py, Pillow + numpy, one process) runs
in the same invocation at 32x32 and 112x112; figures are quoted as ratios to it.

Options:
  --images N        images per figure (default 4096)
  --clips N         clips per figure (default 64)
  --batch B         image batch (default 128)
  --clip-batch B    clip batch (default 8)
  --frames T        frames per clip (default 16)
  --size S          clip side (default 112)
  --workers W       augmentation workers (default: available cores, ${availableParallelism()} here)
  --step-ms LIST    simulated model step times, comma-separated (default 0,100)
  --only PART       images or clips (default both)
  --python P        Python for the reference, or 'none' (default /usr/bin/python3)
  --keep DIR        keep the clip fixture in DIR`,
  options: {
    images: { type: 'string' },
    clips: { type: 'string' },
    batch: { type: 'string' },
    'clip-batch': { type: 'string' },
    frames: { type: 'string' },
    size: { type: 'string' },
    workers: { type: 'string' },
    'step-ms': { type: 'string' },
    only: { type: 'string' },
    python: { type: 'string' },
    keep: { type: 'string' },
  },
  async run({ values }, io) {
    const images = numberOption(values, 'images', 4096, { integer: true, min: 1 });
    const clips = numberOption(values, 'clips', 64, { integer: true, min: 1 });
    const batch = numberOption(values, 'batch', 128, { integer: true, min: 1 });
    const clipBatch = numberOption(values, 'clip-batch', 8, { integer: true, min: 1 });
    const frames = numberOption(values, 'frames', 16, { integer: true, min: 1 });
    const size = numberOption(values, 'size', 112, { integer: true, min: 8 });
    const workers = numberOption(values, 'workers', availableParallelism(), { integer: true, min: 1 });
    const steps = stepList(stringOption(values, 'step-ms', '0,100'));
    const only = stringOption(values, 'only');
    const python = stringOption(values, 'python', '/usr/bin/python3');
    await initBackend('cpu');
    const pool = new AugmentPool({ workers });
    const out: string[] = [];
    try {
      if (only !== 'clips') {
        const part = await imagesPart(io, { images, batch, steps, pool });
        io.err('[bench pipeline] reference PixMix loop at 32x32');
        const ref = await referencePixmixRate(python, 2000, 32);
        out.push(...part.lines);
        out.push(typeof ref === 'number' ? `  reference PixMix loop 32x32 (Python, 1 process): ${fmt(ref)} images/s; best pipeline figure is x${(part.best / ref).toFixed(2)} of it` : `  reference: ${ref}`);
      }
      if (only !== 'images') {
        const part = await clipsPart(io, { clips, batch: clipBatch, steps, pool, frames, size, keep: stringOption(values, 'keep') });
        io.err(`[bench pipeline] reference PixMix loop at ${size}x${size}`);
        const ref = await referencePixmixRate(python, 300, size);
        out.push(...part.lines);
        out.push(
          typeof ref === 'number'
            ? `  reference PixMix loop ${size}x${size} (Python, 1 process): ${fmt(ref)} images/s = ${fmt(ref / frames, 1)} clips of ${frames} frames/s (PixMix alone, no decoding); best pipeline figure is x${((part.best * frames) / ref).toFixed(2)} of it`
            : `  reference: ${ref}`,
        );
      }
    } finally {
      await pool.close();
    }
    io.out(out.join('\n'));
  },
};
