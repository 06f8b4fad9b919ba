import { type Clip, type Image } from '@vpixmix/augment-core';
import { TEMPORAL_CORRUPTION_NAMES } from '@vpixmix/corruptions';
import {
  type AnyDataset,
  type OpenOptions,
  type WriteSetOptions,
  checkCorruptionNames,
  companionName,
  corruptionSheet,
  datasetRoot,
  defaultCorruptionNames,
  openDatasetSuite,
  perturbationSheet,
  videoCorruptionStrip,
  writeCorruptionSet,
  writePerturbationSet,
} from '@vpixmix/datasets';
import { writeGif, writePng } from '@vpixmix/video-io';
import type { Command, OptionValue } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, requiredString, stringOption } from '../options';
import { progressOnStderr } from '../progress';

const usage = [
  'vpixmix corrupt --dataset NAME [--out DIR] [--perturb] [--limit N] [--seed S] [options]',
  '',
  'Writes the corruption (-C) companion of a data set: <corruption>.npy uint8 with severities 1-5',
  'stacked in order, (5N, H, W, 3) for images or (5N, T, H, W, 3) for clips, plus labels.npy and',
  "meta.json — the layout of CIFAR-10-C, read back by vpixmix's -C readers. With --perturb, the",
  'perturbation (-P) companion instead: <perturbation>.npy (N, S, H, W, 3) or (N, S, T, H, W, 3).',
  '',
  'Images get the 15 corruptions of CIFAR-10-C with its severity constants; clips get per-frame noise,',
  'clip-consistent blur/fog/brightness/contrast/jpeg, the temporal ones (frame_rate, freeze, reverse,',
  'jumble, drop_frames) and the codec ones (h264_crf, bit_errors). -P: the 10 perturbations of the',
  'CIFAR-P evaluation with the published sequence lengths.',
  '',
  'Options:',
  '  --dataset NAME        shapes, motion, cifar10, cifar100, ucf101, ... (vpixmix datasets list)',
  '  --out DIR             where to write (default datasets/<name>-c, or datasets/<name>-p with --perturb)',
  '  --perturb             write the -P set instead of the -C set',
  '  --split S             which split to corrupt (default test)',
  '  --limit N             only the first N items',
  '  --seed S              same seed, same bytes (default 0)',
  '  --corruptions A,B     -C: which corruptions (default the benchmark list; images also take speckle_noise,',
  '                        gaussian_blur, spatter, saturate; clips any image corruption as well)',
  '  --perturbations A,B   -P: which perturbations (default the 10; also gaussian_noise_2/3, shot_noise_2/3,',
  '                        speckle_noise(_2/_3), gaussian_blur, snow, shear)',
  '  --workers N           worker threads (default: cores; 0 = this thread). Changes speed, never bytes',
  '  --overwrite           rewrite files an earlier run with the same seed and count finished (default: keep)',
  '  --sheet F.png         also (or, without --out, only) draw item --index under every corruption and',
  '                        severity (-C) or along every perturbation (-P)',
  '  --gif F.gif           clips: item --index under the temporal corruptions at --severity, side by side',
  '  --index I --severity S --scale K   for the pictures (defaults 0, 3, 3)',
  '  --root DIR --size S --frames T --test-size N   how to open the data set',
].join('\n');

function listOption(values: Record<string, OptionValue>, name: string): string[] | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError(`--${name} needs a comma-separated list of names.`);
  return list;
}

function openOptions(values: Record<string, OptionValue>): OpenOptions {
  const int = (name: string) => {
    const value = numberOption(values, name, Number.NaN, { integer: true, min: 1 });
    return Number.isNaN(value) ? undefined : value;
  };
  return { root: stringOption(values, 'root'), size: int('size'), frames: int('frames'), testSize: int('test-size') };
}

function parseSeed(text: string | undefined): number | string {
  if (text === undefined) return 0;
  return Number.isFinite(Number(text)) ? Number(text) : text;
}

async function pickSplit(name: string, split: string, options: OpenOptions): Promise<AnyDataset> {
  const suite = await openDatasetSuite(name, options);
  if (split === 'train') return suite.train;
  if (split === 'test') return suite.test;
  const ood = suite.ood[split];
  if (!ood) throw new UsageError(`--split must be train, test or one of ${Object.keys(suite.ood).join(', ')}; got '${split}'.`);
  return ood();
}

export const corruptCommand: Command = {
  name: 'corrupt',
  summary: 'Write the -C (corruptions) or -P (perturbations) companion of any data set, images or clips.',
  usage,
  options: {
    dataset: { type: 'string' },
    out: { type: 'string' },
    perturb: { type: 'boolean' },
    split: { type: 'string' },
    limit: { type: 'string' },
    seed: { type: 'string' },
    corruptions: { type: 'string' },
    perturbations: { type: 'string' },
    workers: { type: 'string' },
    overwrite: { type: 'boolean' },
    sheet: { type: 'string' },
    gif: { type: 'string' },
    index: { type: 'string' },
    severity: { type: 'string' },
    scale: { type: 'string' },
    root: { type: 'string' },
    size: { type: 'string' },
    frames: { type: 'string' },
    'test-size': { type: 'string' },
  },
  async run({ values }, io) {
    const name = requiredString(values, 'dataset', 'the data set to corrupt (vpixmix datasets list)');
    const perturb = flagOption(values, 'perturb');
    const seed = parseSeed(stringOption(values, 'seed'));
    const limitValue = numberOption(values, 'limit', 0, { integer: true, min: 1 });
    const workersValue = numberOption(values, 'workers', -1, { integer: true, min: 0, max: 64 });
    const sheet = stringOption(values, 'sheet');
    const gif = stringOption(values, 'gif');
    const outOption = stringOption(values, 'out');
    const corruptions = listOption(values, 'corruptions');
    const perturbations = listOption(values, 'perturbations');
    if (perturb && corruptions) throw new UsageError('--corruptions is for -C sets; with --perturb use --perturbations.');
    if (!perturb && perturbations) throw new UsageError('--perturbations is for -P sets; add --perturb.');
    const dataset = await pickSplit(name, stringOption(values, 'split', 'test'), openOptions(values));
    if (corruptions) checkCorruptionNames(dataset.kind, corruptions);

    const index = numberOption(values, 'index', 0, { integer: true, min: 0, max: dataset.length - 1 });
    const scale = numberOption(values, 'scale', 3, { integer: true, min: 1, max: 16 });
    const severity = numberOption(values, 'severity', 3, { integer: true, min: 1, max: 5 });
    if (sheet || gif) {
      const clip: Clip | undefined = dataset.kind === 'clip' ? (await dataset.item(index)).clip : undefined;
      if (sheet) {
        const frame: Image =
          dataset.kind === 'image' ? dataset.item(index).image : { width: dataset.width, height: dataset.height, channels: 3, data: (clip as Clip).data.subarray(0, dataset.width * dataset.height * 3) };
        const names = perturb ? perturbations : dataset.kind === 'image' ? corruptions : corruptions?.filter((n) => !['h264_crf', 'bit_errors', ...TEMPORAL_CORRUPTION_NAMES].includes(n));
        await writePng(sheet, perturb ? perturbationSheet(frame, { names, seed, scale }) : corruptionSheet(frame, { names: names?.length ? names : undefined, seed, scale }));
        io.out(`wrote ${sheet}: ${dataset.name} item ${index}, ${perturb ? 'a row per perturbation, 8 steps across' : 'a row per corruption; columns clean, severity 1-5'}`);
      }
      if (gif) {
        if (!clip) throw new UsageError(`--gif needs a clip data set; ${name} holds images (use --sheet).`);
        await writeGif(gif, videoCorruptionStrip(clip, { severity, seed, scale }), { fps: 4 });
        io.out(`wrote ${gif}: clean, then ${TEMPORAL_CORRUPTION_NAMES.join(', ')} at severity ${severity}, side by side`);
      }
      if (!outOption) return 0;
    }

    const out = outOption ?? datasetRoot(companionName(name, perturb ? 'p' : 'c'));
    const names = perturb ? perturbations : (corruptions ?? defaultCorruptionNames(dataset.kind));
    const options: WriteSetOptions = {
      names,
      seed,
      limit: limitValue === 0 ? undefined : limitValue,
      workers: workersValue === -1 ? undefined : workersValue,
      overwrite: flagOption(values, 'overwrite'),
      datasetName: name,
      onProgress: progressOnStderr(io, `${name}${perturb ? '-p' : '-c'}:`, dataset.kind === 'image' ? 'images' : 'clips'),
      onFile: (file, status) => io.err(`${status === 'kept' ? 'kept (finished earlier)' : 'wrote'} ${file}`),
    };
    const result = perturb ? await writePerturbationSet(dataset, out, options) : await writeCorruptionSet(dataset, out, options);
    const items = result.count * result.names.length * (perturb ? 1 : 5);
    io.out(
      `${perturb ? '-P' : '-C'} set of ${name} (${dataset.name}): ${result.names.length} ${perturb ? 'perturbations' : 'corruptions'} x ${result.count} items` +
        `${perturb ? '' : ' x 5 severities'} in ${out} (${result.written.length} written, ${result.kept.length} kept) in ${result.seconds.toFixed(1)} s` +
        ` (${(items / Math.max(result.seconds, 1e-3)).toFixed(0)} ${dataset.kind === 'image' ? 'images' : 'clips'}/s)`,
    );
    return 0;
  },
};
