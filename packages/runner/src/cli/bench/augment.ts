import { availableParallelism } from 'node:os';
import { AugmentPool, pixmix, PIXMIX_CIFAR, Rng, type ImageU8 } from '@vpixmix/augment-core';
import { median, PIXMIX_REFERENCE_SCRIPT, referencePixmixRates, timeLoop } from '../augment/reference-bench';
import { runClipBench } from '../augment/clip-bench';
import type { CommandIo } from '../command';
import { UsageError } from '../errors';
import { numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';

/** 256 random images and 256 random mixing pictures, as the reference bench builds them. */
function randomSet(size: number, key: string): ImageU8[] {
  const rng = Rng.seeded(0, key, size);
  return Array.from({ length: 256 }, () => ({ width: size, height: size, channels: 3 as const, data: Uint8Array.from({ length: size * size * 3 }, () => rng.int(0, 256)) }));
}

/** Single-thread PixMix images per wall-second and per CPU-second over about `seconds` (the reference loop, in TypeScript). */
function measureOneThread(size: number, seconds: number): { wall: number; cpu: number } {
  const images = randomSet(size, 'images');
  const mixing = randomSet(size, 'mixing');
  const rng = Rng.seeded(1);
  const out = new Float32Array(size * size * 3);
  let n = 0;
  const step = () => {
    for (let k = 0; k < 64; k++, n++) pixmix(images[n % 256], mixing[(n * 7) % 256], PIXMIX_CIFAR, rng, out);
    return 64;
  };
  timeLoop(seconds / 2, step); // warm the JIT
  return timeLoop(seconds, step);
}

/**
 * Worker-pool PixMix: batches of 256 packed images, 2 per worker in flight, first to warm every
 * worker's JIT, then measured (each at least `seconds` and a number of batches). Per wall-second, and per CPU-second
 * of the whole process (the workers are its threads).
 */
async function measurePool(pool: AugmentPool, size: number, seconds: number): Promise<{ wall: number; cpu: number }> {
  const pack = (set: ImageU8[]) => {
    const data = new Uint8Array(256 * size * size * 3);
    set.forEach((image, i) => data.set(image.data, i * size * size * 3));
    return data;
  };
  const images = pack(randomSet(size, 'images'));
  const mixing = pack(randomSet(size, 'mixing'));
  let k = 0;
  // As the training pipeline calls it: inputs staged into the pool's reused shared memory, outputs
  // to shared memory reused per lane, no per-sample records sent back.
  const batch = () => ({ width: size, height: size, count: 256, images, mixing, config: PIXMIX_CIFAR, seed: Rng.seeded(k++).state() });
  // At least `minBatches` per worker and `limitSeconds`: worker JITs warm slowly on a busy machine.
  const run = async (limitSeconds: number, minBatches: number) => {
    const start = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    let done = 0;
    let started = 0;
    const lane = async () => {
      const out = new Float32Array(new SharedArrayBuffer(256 * size * size * 3 * 4));
      while (started < minBatches * pool.size || Number(process.hrtime.bigint() - start) / 1e9 < limitSeconds) {
        started++;
        await pool.pixmix(batch(), { out, records: false });
        done += 256;
      }
    };
    await Promise.all(Array.from({ length: 2 * pool.size }, lane));
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    return { wall: done / wallSeconds, cpu: done / ((cpu.user + cpu.system) / 1e6) };
  };
  const minBatches = Math.max(2, Math.round((3000 * (32 / size) ** 2) / 256));
  await run(seconds, 2 * minBatches);
  return run(seconds, minBatches);
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 8 || s > 1024)) throw new UsageError(`--sizes must be integers in [8, 1024] separated by commas; got '${text}'.`);
  return sizes;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

async function runImageBench(values: Record<string, unknown>, io: CommandIo): Promise<void> {
  const sizes = parseSizes(stringOption(values as never, 'sizes', '32,112'));
  const repeats = numberOption(values as never, 'repeats', 3, { min: 1, max: 20, integer: true });
  const seconds = numberOption(values as never, 'seconds', 1.5, { min: 0.1, max: 60 });
  const workers = numberOption(values as never, 'workers', availableParallelism(), { min: 1, max: 64, integer: true });
  const python = stringOption(values as never, 'python', '/usr/bin/python3');
  io.err(`reference: ${python} ${PIXMIX_REFERENCE_SCRIPT} N SIZE, alternated with ours ${repeats}x; pool: ${workers} workers`);
  const pool = new AugmentPool({ workers });
  const rows: Record<string, unknown>[] = [];
  try {
    for (const size of sizes) {
      const ours: { wall: number; cpu: number }[] = [];
      const reference: { wall: number; cpu: number }[] = [];
      let referenceNote = '';
      for (let r = 0; r < repeats; r++) {
        const ref = await referencePixmixRates(python, size <= 32 ? 3000 : Math.max(200, Math.round(3000 * (32 / size) ** 2)), size);
        if (typeof ref === 'string') referenceNote = ref;
        else reference.push(ref);
        ours.push(measureOneThread(size, seconds));
        const line = typeof ref === 'string' ? ref : `${fmt(ref.wall)} images/s (${fmt(ref.cpu)}/cpu-s)`;
        io.err(`  ${size}x${size} round ${r + 1}/${repeats}: ours ${fmt(ours[r].wall)} images/s (${fmt(ours[r].cpu)}/cpu-s), reference ${line}`);
      }
      const poolRates = await measurePool(pool, size, Math.max(seconds, 2));
      const poolRate = poolRates.wall;
      const one = median(ours.map((o) => o.wall));
      const oneCpu = median(ours.map((o) => o.cpu));
      const ref = reference.length ? median(reference.map((o) => o.wall)) : null;
      const refCpu = reference.length ? median(reference.map((o) => o.cpu)) : null;
      rows.push({
        size,
        oneThread: Math.round(one),
        oneThreadPerCpuSecond: Math.round(oneCpu),
        pool: Math.round(poolRate),
        poolPerCpuSecond: Math.round(poolRates.cpu),
        workers,
        poolPerWorker: Math.round(poolRate / workers),
        reference: ref && Math.round(ref),
        referencePerCpuSecond: refCpu && Math.round(refCpu),
        ratioPerCore: ref && Number((one / ref).toFixed(2)),
        ratioPerCpuSecond: refCpu && Number((oneCpu / refCpu).toFixed(2)),
        referenceNote: ref ? undefined : referenceNote,
      });
      io.out(
        `pixmix ${size}x${size}: one thread ${fmt(one)} images/s (${fmt(oneCpu)}/cpu-s) | pool ${fmt(poolRate)} images/s on ${workers} workers (${fmt(poolRates.cpu)}/cpu-s) | ` +
          (ref && refCpu
            ? `reference ${fmt(ref)} images/s (${fmt(refCpu)}/cpu-s, one process) | ratio per core ${(one / ref).toFixed(2)}x wall, ${(oneCpu / refCpu).toFixed(2)}x cpu`
            : `reference ${referenceNote}`),
      );
    }
  } finally {
    await pool.close();
  }
  io.out(JSON.stringify({ bench: 'augment', cores: availableParallelism(), results: rows }));
}

export const augmentBenchmark: Benchmark = {
  name: 'augment',
  summary: 'PixMix images/s (one thread, worker pool) vs the reference loop; --clip: V-PixMix clips/s per preset.',
  usage: [
    'vpixmix bench augment [--sizes 32,112] [--repeats 3] [--seconds 1.5] [--workers N] [--python P|none]',
    'vpixmix bench augment --clip 16x112x112 [--seconds 2] [--repeats 3] [--presets a,b] [--python P|none]',
    '',
    'Images: PixMix with the CIFAR recipe (k=4, beta=3, severity=3, 13 ops) on random 8-bit images and',
    'mixing pictures, as ../shared/bench/pixmix_ref_bench.py does. One thread and the worker pool (batches',
    'of 256 into shared memory, no records back, as the training pipeline uses it).',
    'The reference runs in the same invocation, alternated with ours --repeats times (medians), and',
    'the ratio per core is ours (one thread) / reference (one process), by wall clock and by CPU time',
    '(the CPU-time ratio is the steadier one on a shared machine).',
    '',
    'Clips (--clip TxHxW): V-PixMix clips/s on one thread for every preset; the reference image loop',
    'would manage (reference images/s at HxW) / T clips/s, measured here too.',
  ].join('\n'),
  options: {
    sizes: { type: 'string' },
    repeats: { type: 'string' },
    seconds: { type: 'string' },
    workers: { type: 'string' },
    python: { type: 'string' },
    clip: { type: 'string' },
    presets: { type: 'string' },
  },
  async run({ values }, io) {
    if (values['clip'] !== undefined) return runClipBench(values, io);
    return runImageBench(values, io);
  },
};
