import { writeFileSync } from 'node:fs';
import { pixmix, pixmixConfig, Rng, type ImageF32, type PixmixRecord } from '@vpixmix/augment-core';
import { contactSheet } from '@vpixmix/mixing-sets';
import { readPng, writePng } from '@vpixmix/video-io';
import { drawMixingPicture, mixingSourceFromOption } from '../augment/mixing-option';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, positional, requiredString, stringOption } from '../options';

export const pixmixCommand: Command = {
  name: 'pixmix',
  summary: 'PixMix one PNG n times with mixing pictures (fractals or a folder): a grid and the records.',
  usage: [
    'vpixmix pixmix <in.png> --mixing <folder|fractals> [--seed S] [-n 16] [--out grid.png]',
    '               [--records FILE.json] [--k 4] [--beta 3] [--severity 3] [--nine-ops] [--scale N]',
    '',
    'Sample i draws from the stream (seed, "sample", i): its mixing picture (uniform over the set,',
    'then the set\'s Resize(36/32) + RandomCrop preprocessing, 8-bit as the reference\'s files), then',
    'PixMix with the given knobs (defaults: the paper\'s CIFAR recipe k=4, beta=3, severity=3, 13 ops).',
    '',
    'Options:',
    '  --mixing SRC     fractals (procedural IFS fractals) or a folder of PNG/JPEG pictures',
    '  --seed S         random seed (default 0); the same seed gives the same bytes',
    '  -n N             number of samples (default 16)',
    '  --out FILE       the grid PNG (default pixmix-grid.png); row-major, sample 0 top left',
    '  --records FILE   the records JSON (default: the grid path with .json)',
    '  --k, --beta, --severity   PixMix knobs',
    '  --nine-ops       only the 9 ops without colour/contrast/brightness/sharpness',
    '  --scale N        enlarge each cell N times for viewing (default: to about 128 px)',
  ].join('\n'),
  options: {
    mixing: { type: 'string' },
    seed: { type: 'string' },
    n: { type: 'string', short: 'n' },
    out: { type: 'string' },
    records: { type: 'string' },
    k: { type: 'string' },
    beta: { type: 'string' },
    severity: { type: 'string' },
    'nine-ops': { type: 'boolean' },
    scale: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const input = positional(positionals, 0, 'the input PNG');
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'. Run 'vpixmix pixmix --help'.`);
    const mixing = requiredString(values, 'mixing', "'fractals' or a folder of pictures");
    const seed = numberOption(values, 'seed', 0, { integer: true });
    const n = numberOption(values, 'n', 16, { min: 1, max: 4096, integer: true });
    const out = stringOption(values, 'out', 'pixmix-grid.png');
    const recordsFile = stringOption(values, 'records', `${out.replace(/\.png$/i, '')}.json`);
    const cfg = pixmixConfig({
      k: numberOption(values, 'k', 4, { min: 0, integer: true }),
      beta: numberOption(values, 'beta', 3, { min: Number.MIN_VALUE }),
      severity: numberOption(values, 'severity', 3, { min: Number.MIN_VALUE, max: 10 }),
      allOps: !flagOption(values, 'nine-ops'),
    });
    const image = await readPng(input);
    const { width, height } = image;
    const source = await mixingSourceFromOption(mixing, Math.max(width, height), seed, io);
    const scale = numberOption(values, 'scale', Math.max(1, Math.floor(128 / Math.max(width, height))), { min: 1, max: 64, integer: true });
    const root = Rng.seeded(seed);
    const samples: ImageF32[] = [];
    const records: { sample: number; mixingIndex: number; record: PixmixRecord }[] = [];
    const started = Date.now();
    for (let i = 0; i < n; i++) {
      const rng = root.fork('sample', i);
      const { index, picture } = drawMixingPicture(source, width, height, rng.fork('mixing'));
      const result = pixmix(image, picture, cfg, rng);
      samples.push(result.image);
      records.push({ sample: i, mixingIndex: index, record: result.record });
      if ((i + 1) % 64 === 0 || i + 1 === n) io.err(`pixmix ${i + 1}/${n} (${((i + 1) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0)} images/s)`);
    }
    await writePng(out, contactSheet(samples, { scale }));
    writeFileSync(recordsFile, `${JSON.stringify({ input, mixing: source.name, seed, config: cfg, width, height, samples: records }, null, 1)}\n`);
    io.out(JSON.stringify({ grid: out, records: recordsFile, samples: n, mixing: source.name, seed, config: cfg }));
  },
};
