import { type Clip, type Image, clipFrame, clipFromFrames } from '@vpixmix/augment-core';
import {
  type AnyDataset,
  type OpenOptions,
  allDatasets,
  formatReport,
  openDatasetSuite,
  verificationFails,
  verifiers,
  verifyAll,
  verifyDataset,
} from '@vpixmix/datasets';
import { download, downloadOptions, downloadUsage } from './datasets-download';
import { contactSheet } from '@vpixmix/mixing-sets';
import { writeGif, writePng } from '@vpixmix/video-io';
import type { Command, CommandIo, OptionValue } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, positional, stringOption } from '../options';

const usage = [
  'vpixmix datasets <list | verify | download | show | info> [NAME...] [options]',
  '',
  '  list                  every data set, what it is, and whether its files are here',
  '  verify [NAME...]      check the files of every data set (or the named ones): what is present, what is',
  '                        missing and where it should go. Exit code 1 if a present set is broken, or a named',
  '                        set is not usable.',
  '  download NAME...      fetch a data set into datasets/NAME: checksum before unpacking, resumable,',
  '                        verified before it is moved into place (see the download options below)',
  '  show NAME --out F.png a grid of samples to look at: N per class, one row per class (clips: one clip per',
  '                        row, its frames across; --gif F.gif also writes the clips as an animation)',
  '  info NAME             sizes, classes and items per class of each split',
  '',
  'Options:',
  '  --checksums           verify: also compare MD5 sums with datasets/<name>/checksums.md5 (reads every byte)',
  '  --lenient             verify: accept smaller sets in the official layout (fixtures, subsets)',
  '  --split S             show/info: train, test, or an OOD set (gaussian, rademacher, blobs, held-out, <folder>)',
  '  -n N                  show: samples per class (images, default 8) or clips (default 10)',
  '  --scale K             show: enlarge each picture K times (default 3)',
  '  --root DIR            the data set folder (default datasets/<name>, or $VPIXMIX_DATASET_<NAME>)',
  '  --size S --frames T --fold F --train-size N --test-size N --seed S   how to open the set',
  '',
  ...downloadUsage,
  '',
  'Data lives in <workspace>/datasets/<name> (or $VPIXMIX_DATASETS/<name>); datasets/<name>/README.md gives',
  'each layout. The embedded sets (shapes, motion) need no files.',
].join('\n');

function openOptions(values: Record<string, OptionValue>): OpenOptions {
  const int = (name: string) => {
    const value = numberOption(values, name, Number.NaN, { integer: true, min: 1 });
    return Number.isNaN(value) ? undefined : value;
  };
  const seedText = stringOption(values, 'seed');
  return {
    root: stringOption(values, 'root'),
    size: int('size'),
    frames: int('frames'),
    fold: int('fold'),
    trainSize: int('train-size'),
    testSize: int('test-size'),
    seed: seedText === undefined ? undefined : Number.isFinite(Number(seedText)) ? Number(seedText) : seedText,
  };
}

async function pickSplit(name: string, split: string, options: OpenOptions): Promise<AnyDataset> {
  const suite = await openDatasetSuite(name, options);
  if (split === 'train') return suite.train;
  if (split === 'test') return suite.test;
  const ood = suite.ood[split];
  if (!ood) throw new UsageError(`--split must be train, test or one of ${Object.keys(suite.ood).join(', ')}; got '${split}'.`);
  return ood();
}

/** Item indices grouped by class, `perClass` each, in dataset order. */
function byClass(dataset: AnyDataset, perClass: number): number[][] {
  const rows: number[][] = Array.from({ length: Math.max(1, dataset.numClasses) }, () => []);
  for (let i = 0; i < dataset.length && rows.some((r) => r.length < perClass); i++) {
    const row = rows[dataset.label(i)];
    if (row && row.length < perClass) row.push(i);
  }
  return rows;
}

async function show(name: string, values: Record<string, OptionValue>, io: CommandIo): Promise<void> {
  const out = stringOption(values, 'out');
  if (!out) throw new UsageError('show needs --out grid.png: where to write the picture.');
  const dataset = await pickSplit(name, stringOption(values, 'split', 'train'), openOptions(values));
  const scale = numberOption(values, 'scale', 3, { integer: true, min: 1, max: 16 });
  if (dataset.kind === 'image') {
    const perClass = numberOption(values, 'n', 8, { integer: true, min: 1, max: 64 });
    const rows = byClass(dataset, perClass).filter((r) => r.length > 0);
    const cells: Image[] = [];
    for (const row of rows) for (let k = 0; k < perClass; k++) cells.push(row[k] === undefined ? blank(dataset) : dataset.item(row[k]).image);
    await writePng(out, contactSheet(cells, { columns: perClass, scale }));
    rows.forEach((row) => io.out(`row: ${dataset.classNames[dataset.label(row[0])]} (items ${row.join(', ')})`));
  } else {
    const count = numberOption(values, 'n', 10, { integer: true, min: 1, max: 64 });
    const perClass = Math.max(1, Math.ceil(count / Math.max(1, dataset.numClasses)));
    const picked = byClass(dataset, perClass).flat().slice(0, count);
    const clips: Clip[] = [];
    for (const index of picked) clips.push((await dataset.item(index)).clip);
    const cells = clips.flatMap((clip) => Array.from({ length: clip.frames }, (_, t) => clipFrame(clip, t)));
    await writePng(out, contactSheet(cells, { columns: dataset.frames, scale }));
    picked.forEach((index) => io.out(`row: ${dataset.classNames[dataset.label(index)]} (item ${index})`));
    const gif = stringOption(values, 'gif');
    if (gif) {
      const frames = Array.from({ length: dataset.frames }, (_, t) => contactSheet(clips.map((c) => clipFrame(c, t)), { scale }));
      await writeGif(gif, clipFromFrames(frames), { fps: 4 });
      io.out(`wrote ${gif}`);
    }
  }
  io.out(`wrote ${out}: ${dataset.name}, ${dataset.length} items, ${dataset.width}x${dataset.height}${dataset.kind === 'clip' ? `x${dataset.frames} frames` : ''}`);
}

function blank(dataset: AnyDataset): Image {
  return { width: dataset.width, height: dataset.height, channels: 3, data: new Uint8Array(dataset.width * dataset.height * 3).fill(128) };
}

async function info(name: string, values: Record<string, OptionValue>, io: CommandIo): Promise<void> {
  const options = openOptions(values);
  const suite = await openDatasetSuite(name, options);
  const splits: [string, () => AnyDataset][] = [
    ['train', () => suite.train],
    ['test', () => suite.test],
  ];
  const only = stringOption(values, 'split');
  for (const [split, get] of only ? [[only, () => suite.ood[only]?.() ?? (only === 'train' ? suite.train : suite.test)] as const] : splits) {
    const dataset = get();
    const counts = new Array(dataset.numClasses).fill(0);
    for (let i = 0; i < dataset.length; i++) counts[dataset.label(i)]++;
    const shape = dataset.kind === 'clip' ? `${dataset.frames}x${dataset.height}x${dataset.width}x3` : `${dataset.height}x${dataset.width}x3`;
    io.out(`${split}: ${dataset.name}, ${dataset.length} items of ${shape}, ${dataset.numClasses} classes`);
    io.out(`  per class: ${dataset.classNames.map((c, k) => `${c} ${counts[k]}`).join(', ')}`);
    const skipped = (dataset as { skipped?: { file?: string; path?: string; kind?: string; reason?: string }[] }).skipped;
    if (skipped?.length) io.out(`  skipped ${skipped.length}: ${skipped.slice(0, 3).map((s) => `${s.file ?? s.path} (${s.kind ?? s.reason})`).join('; ')}`);
  }
  io.out(`ood: ${Object.keys(suite.ood).join(', ')}`);
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'List, verify, download and look at the data sets: CIFAR-10/100 (+ -C/-P), UCF101, image folders, shapes, motion.',
  usage,
  options: {
    checksums: { type: 'boolean' },
    lenient: { type: 'boolean' },
    split: { type: 'string' },
    n: { type: 'string', short: 'n' },
    scale: { type: 'string' },
    out: { type: 'string' },
    gif: { type: 'string' },
    root: { type: 'string' },
    size: { type: 'string' },
    frames: { type: 'string' },
    fold: { type: 'string' },
    'train-size': { type: 'string' },
    'test-size': { type: 'string' },
    seed: { type: 'string' },
    ...downloadOptions,
  },
  async run({ positionals, values }, io) {
    const action = positional(positionals, 0, 'list, verify, download, show or info');
    const names = positionals.slice(1);
    switch (action) {
      case 'list': {
        for (const entry of allDatasets()) {
          const report = verifyDataset(entry.name);
          io.out(`${entry.name.padEnd(10)} ${entry.kind.padEnd(5)} ${report.status.padEnd(10)} ${entry.summary}`);
        }
        io.out(`\nCompanions: <name>-c / <name>-p folders (CIFAR-10-C/-P, or 'vpixmix corrupt' output); OOD image folders in datasets/ood/.`);
        return 0;
      }
      case 'verify': {
        const options = { checksums: flagOption(values, 'checksums'), official: !flagOption(values, 'lenient'), root: stringOption(values, 'root') };
        if (options.root && names.length !== 1) throw new UsageError('--root needs exactly one data set name.');
        for (const name of names) if (!verifiers[name] && !/-(c|p)$/.test(name)) throw new UsageError(`unknown data set '${name}'; known: ${Object.keys(verifiers).join(', ')}.`);
        const reports = names.length > 0 ? names.map((name) => verifyDataset(name, options)) : verifyAll(options);
        for (const report of reports) io.out(formatReport(report));
        const failed = verificationFails(reports, names.length > 0);
        io.out(failed ? '\nSome data sets need attention (see above).' : '\nNothing broken. Missing sets are listed with where their files go.');
        return failed ? 1 : 0;
      }
      case 'download':
        return download(names, values, io);
      case 'show':
        await show(positional(positionals, 1, 'the data set name'), values, io);
        return 0;
      case 'info':
        await info(positional(positionals, 1, 'the data set name'), values, io);
        return 0;
      default:
        throw new UsageError(`unknown action '${action}': use list, verify, download, show or info. Run 'vpixmix datasets --help'.`);
    }
  },
};
