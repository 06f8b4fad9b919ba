import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { FractalGenerator, FractalZoomSource } from '@vpixmix/mixing-sets';
import { referencePixmixRate } from '../augment/reference-bench';
import type { CommandIo } from '../command';
import { numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';

const FRACTALDB_SCRIPT = path.join(__dirname, 'fractals-reference.py');

/** Runs a Python script and returns its stdout, or a line saying why not. */
function runPython(python: string, script: string, args: string[]): Promise<{ ok: true; out: string } | { ok: false; why: string }> {
  if (python === 'none') return Promise.resolve({ ok: false, why: 'skipped (--python none)' });
  if (!existsSync(python)) return Promise.resolve({ ok: false, why: `skipped: ${python} not found` });
  if (!existsSync(script)) return Promise.resolve({ ok: false, why: `skipped: ${script} not found` });
  return new Promise((resolve) => {
    const child = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (error) => resolve({ ok: false, why: `failed: ${error.message}` }));
    child.on('close', (code) => resolve(code === 0 ? { ok: true, out } : { ok: false, why: `failed (exit ${code}): ${err.trim().split('\n').pop()}` }));
  });
}

async function fractalDbReference(python: string, seconds: number): Promise<{ candidatesPerSecond: number; candidates: number } | string> {
  const result = await runPython(python, FRACTALDB_SCRIPT, [String(seconds)]);
  if (!result.ok) return result.why;
  try {
    return JSON.parse(result.out) as { candidatesPerSecond: number; candidates: number };
  } catch {
    return `failed: unreadable output ${result.out.slice(0, 120)}`;
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Generates `count` fractals of `size`; returns pictures/s and the mean systems tried per picture. */
function measureFractals(count: number, size: number, seed: number, io: CommandIo): { perSecond: number; attempts: number } {
  const generator = new FractalGenerator();
  generator.generate(seed + 1, 0, size); // warm the JIT on a picture outside the measured set
  let attempts = 0;
  const start = process.hrtime.bigint();
  let lastLine = Date.now();
  for (let i = 0; i < count; i++) {
    attempts += generator.generate(seed, i, size).params.attempts;
    if (Date.now() - lastLine > 2000) {
      lastLine = Date.now();
      io.err(`[bench fractals] ${size}x${size}: ${i + 1}/${count} (${((i + 1) / seconds(start)).toFixed(1)}/s)`);
    }
  }
  return { perSecond: count / seconds(start), attempts: attempts / count };
}

function measureZoom(clips: number, frames: number, size: number, seed: number): number {
  const source = new FractalZoomSource({ seed, count: clips + 1, memoBytes: 0 });
  source.clip(clips, 2, size, size); // warm-up, outside the measured clips
  const start = process.hrtime.bigint();
  for (let i = 0; i < clips; i++) source.clip(i, frames, size, size);
  return (clips * frames) / seconds(start);
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const fractalsBenchmark: Benchmark = {
  name: 'fractals',
  summary: 'Mixing-set generation: IFS fractals/s at 32x32 and 224x224, fractal-zoom frames/s at 112x112.',
  usage: `vpixmix bench fractals [options]

Measures, in one process on one core:
  - IFS fractals/s at 32x32 and 224x224 (FractalDB's search + flame-style rendering), and the
    seconds the 1,000-picture 32x32 set takes;
  - fractal-zoom frames/s at 112x112 (2x2 supersampling, the default);
and, in the same run, the references:
  - FractalDB's own search (its Python loop, fractals-reference.py) for --reference-seconds:
    candidates/s, turned into fractals/s with the mean candidates per acceptance measured here;
  - the shared PixMix reference loop (../shared/bench/pixmix_ref_bench.py) at 32x32 and 112x112:
    how fast PixMix consumes mixing pictures, i.e. whether on-the-fly generation keeps up.

Options:
  --count32 N            fractals timed at 32x32 (default 300)
  --count224 N           fractals timed at 224x224 (default 20)
  --clips N              zoom clips timed (default 4)
  --frames T             frames per zoom clip (default 16)
  --seed S               seed (default 0)
  --reference-seconds S  time given to FractalDB's Python search (default 20)
  --python P             Python with numpy and Pillow for the references, or 'none' (default /usr/bin/python3)`,
  options: {
    count32: { type: 'string' },
    count224: { type: 'string' },
    clips: { type: 'string' },
    frames: { type: 'string' },
    seed: { type: 'string' },
    'reference-seconds': { type: 'string' },
    python: { type: 'string' },
  },
  async run({ values }, io) {
    const count32 = numberOption(values, 'count32', 300, { min: 1, max: 100_000, integer: true });
    const count224 = numberOption(values, 'count224', 20, { min: 1, max: 10_000, integer: true });
    const clips = numberOption(values, 'clips', 4, { min: 1, max: 1000, integer: true });
    const frames = numberOption(values, 'frames', 16, { min: 1, max: 300, integer: true });
    const seed = numberOption(values, 'seed', 0, { integer: true });
    const referenceSeconds = numberOption(values, 'reference-seconds', 20, { min: 1, max: 3600 });
    const python = stringOption(values, 'python', '/usr/bin/python3');

    io.err('[bench fractals] 1/5 IFS fractals at 32x32');
    const small = measureFractals(count32, 32, seed, io);
    io.err('[bench fractals] 2/5 IFS fractals at 224x224');
    const large = measureFractals(count224, 224, seed, io);
    io.err('[bench fractals] 3/5 fractal-zoom clips at 112x112');
    const zoomFps = measureZoom(clips, frames, 112, seed);
    io.err(`[bench fractals] 4/5 FractalDB's Python search (${referenceSeconds} s)`);
    const fractalDb = await fractalDbReference(python, referenceSeconds);
    io.err('[bench fractals] 5/5 the PixMix reference loop at 32x32 and 112x112');
    const pixmix32 = await referencePixmixRate(python, 2000, 32);
    const pixmix112 = await referencePixmixRate(python, 500, 112);

    const lines = [
      'vpixmix bench fractals (one core, this process)',
      `  IFS fractals 32x32:    ${fmt(small.perSecond)} /s  (${count32} pictures, ${fmt(small.attempts)} systems tried per picture; 1,000 take ~${fmt(1000 / small.perSecond, 0)} s)`,
      `  IFS fractals 224x224:  ${fmt(large.perSecond)} /s  (${count224} pictures)`,
      `  zoom frames 112x112:   ${fmt(zoomFps)} /s  (${clips} clips x ${frames} frames, 2x2 supersampling)`,
    ];
    let fractalDbPerSecond: number | null = null;
    if (typeof fractalDb === 'string') {
      lines.push(`  FractalDB Python search: ${fractalDb}`);
    } else {
      fractalDbPerSecond = fractalDb.candidatesPerSecond / small.attempts;
      lines.push(
        `  FractalDB Python search: ${fmt(fractalDb.candidatesPerSecond, 2)} candidates/s (${fractalDb.candidates} tried) = ~${fmt(fractalDbPerSecond, 3)} fractals/s;` +
          ` ours at 32x32 is x${fmt(small.perSecond / fractalDbPerSecond, 0)}`,
      );
    }
    for (const [size, reference, ours, unit] of [
      [32, pixmix32, small.perSecond, 'fractals'],
      [112, pixmix112, zoomFps, 'zoom frames'],
    ] as const) {
      lines.push(
        typeof reference === 'string'
          ? `  PixMix reference ${size}x${size}: ${reference}`
          : `  PixMix reference ${size}x${size}: ${fmt(reference, 0)} images/s; ${unit} per PixMix image: x${fmt(ours / reference, 3)}`,
      );
    }
    io.out(lines.join('\n'));
    io.out(
      JSON.stringify({
        fractalsPerSecond32: small.perSecond,
        fractalsPerSecond224: large.perSecond,
        attemptsPerFractal: small.attempts,
        zoomFramesPerSecond112: zoomFps,
        fractalDbFractalsPerSecond: fractalDbPerSecond,
        pixmixReference32: typeof pixmix32 === 'number' ? pixmix32 : null,
        pixmixReference112: typeof pixmix112 === 'number' ? pixmix112 : null,
      }),
    );
  },
};
