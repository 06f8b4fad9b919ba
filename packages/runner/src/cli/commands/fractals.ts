import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { clipFrame, Rng, type Image } from '@vpixmix/augment-core';
import { contactSheet, loadMixingSet, mixingSetSpec, writeMixingSet, type CachedMixingSet, type WriteMixingSetOptions } from '@vpixmix/mixing-sets';
import { writeGif, writePng } from '@vpixmix/video-io';
import { progressOnStderr } from '../progress';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, requiredString, stringOption } from '../options';

/** The first `count` items of a set laid out for a person: pictures in a grid, clips one per row. */
function sheetOf(set: CachedMixingSet, count: number, scale: number): Image {
  const { width, height, frames } = set.manifest;
  const rng = Rng.seeded(0); // reads at the stored size draw nothing
  if (frames === 1) {
    const pictures = Array.from({ length: Math.min(count, set.length) }, (_, i) => set.picture(i, width, height, rng));
    return contactSheet(pictures, { scale });
  }
  const step = Math.max(1, Math.ceil(frames / 8));
  const shown = Array.from({ length: Math.ceil(frames / step) }, (_, k) => k * step);
  const cells: Image[] = [];
  for (let i = 0; i < Math.min(count, set.length); i++) {
    const clip = set.clip(i, frames, width, height, rng);
    for (const t of shown) cells.push(clipFrame(clip, t));
  }
  return contactSheet(cells, { columns: shown.length, scale });
}

export const fractalsCommand: Command = {
  name: 'fractals',
  summary: 'Generate a mixing set on disk: IFS fractals (or fractal-zoom clips), PNGs + manifest, a contact sheet.',
  usage: [
    'vpixmix fractals --out DIR [--count N] [--size S] [--seed S] [--contact-sheet sheet.png]',
    '                 [--zoom [--frames T] [--gif clip.gif]] [--min-fill R] [--force]',
    '',
    'Writes DIR/00000.png ... and DIR/manifest.json (generator, seed, options, and each picture\'s',
    'parameters and sha256). The same options always give the same bytes. A folder already holding',
    'this set is left alone; an interrupted run resumes; a folder holding another set is an error',
    'unless --force. Afterwards the set is loaded back (manifest and hashes checked) and, if asked,',
    'drawn on a contact sheet.',
    '',
    'IFS fractals follow FractalDB\'s search (2-7 affine maps, coefficients U[-1, 1], probabilities',
    'proportional to |det|, filling rate >= --min-fill on a 512 raster from 100k points), drawn with',
    'flame-style colour. --zoom makes Mandelbrot/Julia zoom clips instead (each PNG a strip of frames).',
    '',
    'Options:',
    '  --out DIR              the set folder (required)',
    '  --count N              pictures or clips (default 1000)',
    '  --size S               side in pixels (default 32)',
    '  --seed S               random seed (default 0)',
    '  --contact-sheet FILE   also write a PNG grid of the first --sheet-count items (default 64)',
    '  --sheet-count N        items on the contact sheet',
    '  --scale N              enlarge sheet cells N times (default: to about 96 px)',
    '  --zoom                 fractal-zoom clips instead of IFS pictures',
    '  --frames T             frames per zoom clip (default 16)',
    '  --gif FILE             with --zoom: also write clip 0 as an animated GIF',
    '  --min-fill R           FractalDB filling-rate threshold (default 0.2)',
    '  --workers N            worker threads (default: the cores, for 100 items or more; else 1);',
    '                         the bytes do not depend on it',
    '  --force                replace a different set already in DIR',
    '',
    'Prints a JSON summary on stdout; progress goes to stderr.',
  ].join('\n'),
  options: {
    out: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string' },
    seed: { type: 'string' },
    'contact-sheet': { type: 'string' },
    'sheet-count': { type: 'string' },
    scale: { type: 'string' },
    zoom: { type: 'boolean' },
    frames: { type: 'string' },
    gif: { type: 'string' },
    'min-fill': { type: 'string' },
    workers: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'. Run 'vpixmix fractals --help'.`);
    const out = requiredString(values, 'out', 'the folder to write the set into');
    const count = numberOption(values, 'count', 1000, { min: 1, max: 10_000_000, integer: true });
    const size = numberOption(values, 'size', 32, { min: 1, max: 4096, integer: true });
    const seed = numberOption(values, 'seed', 0, { integer: true });
    const zoom = flagOption(values, 'zoom');
    const gif = stringOption(values, 'gif');
    if (!zoom && values['frames'] !== undefined) throw new UsageError('--frames needs --zoom (IFS fractals are single pictures).');
    if (!zoom && gif !== undefined) throw new UsageError('--gif needs --zoom (IFS fractals are single pictures; use --contact-sheet).');
    const frames = numberOption(values, 'frames', 16, { min: 1, max: 10_000, integer: true });
    const minFill = numberOption(values, 'min-fill', 0.2, { min: 0, max: 1 });
    const sheet = stringOption(values, 'contact-sheet');
    const sheetCount = numberOption(values, 'sheet-count', zoom ? 8 : 64, { min: 1, max: 4096, integer: true });
    const workers = numberOption(values, 'workers', count >= 100 ? availableParallelism() : 1, { min: 1, max: 256, integer: true });
    const scale = numberOption(values, 'scale', Math.max(1, Math.round(96 / size)), { min: 1, max: 64, integer: true });

    const options: WriteMixingSetOptions = zoom
      ? { generator: 'zoom', seed, count, size, frames, overwrite: flagOption(values, 'force') }
      : { generator: 'ifs', seed, count, size, fractal: { search: { minFillRate: minFill } }, overwrite: flagOption(values, 'force') };
    const started = Date.now();
    const result = await writeMixingSet(out, { ...options, workers, onProgress: progressOnStderr(io, `fractals ${zoom ? 'zoom clips' : 'pictures'}:`, zoom ? 'clips' : 'pictures') });
    const generateSeconds = (Date.now() - started) / 1000;
    if (result.reused > 0) io.err(`fractals: ${result.reused} item(s) were already in ${out}; generated ${result.generated}.`);

    const loadStarted = Date.now();
    const set = await loadMixingSet(out, { expect: mixingSetSpec(options) });
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    if (sheet) await writePng(sheet, sheetOf(set, sheetCount, scale));
    if (gif) await writeGif(gif, set.clip(0, set.frames, size, size, Rng.seeded(0)), { fps: 12, scale });

    io.out(
      JSON.stringify({
        out: path.resolve(out),
        generator: set.manifest.generator,
        seed,
        count,
        size,
        frames: set.frames,
        workers,
        generated: result.generated,
        reused: result.reused,
        generateSeconds,
        perSecond: result.generated > 0 ? result.generated / generateSeconds : null,
        loadSeconds,
        contactSheet: sheet ?? null,
        gif: gif ?? null,
      }),
    );
  },
};
