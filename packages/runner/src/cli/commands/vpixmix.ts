import { writeFileSync } from 'node:fs';
import {
  frameDifferences,
  isVpixmixPreset,
  Rng,
  VPIXMIX_PRESETS,
  vpixmix,
  vpixmixConfig,
  type ClipU8,
  type MixingSource,
  type VpixmixPreset,
  type VpixmixRecord,
} from '@vpixmix/augment-core';
import { renderMotion } from '@vpixmix/datasets';
import { FractalZoomSource, loadVideoFrames } from '@vpixmix/mixing-sets';
import { encodeClip, readClip, writeGif } from '@vpixmix/video-io';
import { mixingSourceFromOption } from '../augment/mixing-option';
import { sideBySide } from '../augment/side-by-side';
import type { Command, CommandIo } from '../command';
import { UsageError } from '../errors';
import { numberOption, positional, stringOption } from '../options';

const DEFAULT_COLUMNS: readonly VpixmixPreset[] = ['naive', 'single-picture', 'fractal-zoom'];

async function inputClip(input: string, frames: number, size: number, seed: number): Promise<ClipU8> {
  if (input === 'synthetic') {
    // The embedded `motion` data set's renderer: a textured object turning over a textured scene.
    const data = renderMotion(Rng.seeded(seed, 'synthetic-input'), 'rotate_cw', frames, size);
    return { frames, width: size, height: size, channels: 3, data };
  }
  return readClip(input, { frames, size: { width: size, height: size }, start: 'center', short: 'loop' });
}

function parsePresets(text: string | undefined): VpixmixPreset[] {
  if (text === undefined) return [...DEFAULT_COLUMNS];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!isVpixmixPreset(name)) throw new UsageError(`--preset: unknown preset '${name}'; choose from ${VPIXMIX_PRESETS.join(', ')}.`);
  }
  if (names.length === 0) throw new UsageError('--preset needs at least one preset name.');
  return names as VpixmixPreset[];
}

async function sourceFor(preset: VpixmixPreset, options: { pictures: () => Promise<MixingSource>; zoom: () => MixingSource; video: () => Promise<MixingSource> }): Promise<MixingSource> {
  if (preset === 'fractal-zoom') return options.zoom();
  if (preset === 'video-mixing') return options.video();
  return options.pictures();
}

export const vpixmixCommand: Command = {
  name: 'vpixmix',
  summary: 'V-PixMix a clip (video file or synthetic): side-by-side preview GIF/MP4 of the presets.',
  usage: [
    'vpixmix vpixmix <video|synthetic> [--preset a,b,...] [--seed S] [--out preview.gif|.mp4]',
    '                [--frames 16] [--size 112] [--mixing fractals|FOLDER] [--mixing-video FILE] [--fps 8] [--scale N]',
    '',
    'Writes one clip whose columns are: original | one column per preset (default: naive |',
    'single-picture | fractal-zoom), all from the same seed, plus a JSON of every column\'s record',
    `and its temporal difference (mean |frame t+1 - frame t|). Presets: ${VPIXMIX_PRESETS.join(', ')}.`,
    '',
    'Options:',
    '  --preset LIST       the augmented columns, comma-separated',
    '  --seed S            random seed (default 0)',
    '  --out FILE          .gif (in-process) or .mp4/.mkv/.webm (ffmpeg); default vpixmix-preview.gif',
    '  --frames T          frames (default 16); --size N: frames are N x N (default 112)',
    '  --mixing SRC        mixing pictures for naive / single-picture / frozen-pixmix: fractals (default) or a folder',
    '  --mixing-video FILE the video whose frames video-mixing mixes in',
    '  --fps F             preview frame rate (default 8); --scale N: enlarge N times (default 1, or 2 below 64 px)',
  ].join('\n'),
  options: {
    preset: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    frames: { type: 'string' },
    size: { type: 'string' },
    mixing: { type: 'string' },
    'mixing-video': { type: 'string' },
    fps: { type: 'string' },
    scale: { type: 'string' },
  },
  async run({ positionals, values }, io: CommandIo) {
    const input = positional(positionals, 0, "a video file, or 'synthetic'");
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'. Run 'vpixmix vpixmix --help'.`);
    const presets = parsePresets(stringOption(values, 'preset'));
    const seed = numberOption(values, 'seed', 0, { integer: true });
    const frames = numberOption(values, 'frames', 16, { min: 1, max: 512, integer: true });
    const size = numberOption(values, 'size', 112, { min: 8, max: 1024, integer: true });
    const out = stringOption(values, 'out', 'vpixmix-preview.gif');
    const fps = numberOption(values, 'fps', 8, { min: 0.1, max: 100 });
    const scale = numberOption(values, 'scale', size < 64 ? 2 : 1, { min: 1, max: 16, integer: true });
    const mixingVideo = stringOption(values, 'mixing-video');
    if (presets.includes('video-mixing') && mixingVideo === undefined) throw new UsageError('--mixing-video FILE is needed for the video-mixing preset.');
    const clip = await inputClip(input, frames, size, seed);
    io.err(`input: ${input} (${clip.frames} frames of ${clip.width}x${clip.height})`);
    let pictures: MixingSource | undefined;
    const sources = {
      pictures: async () => (pictures ??= await mixingSourceFromOption(stringOption(values, 'mixing', 'fractals'), size, seed, io)),
      zoom: () => new FractalZoomSource({ seed, count: 1000 }),
      video: async () => loadVideoFrames(mixingVideo as string, { size, upscale: true, maxFrames: Math.max(frames, 256) }),
    };
    const columns = [];
    const report: { preset: VpixmixPreset; mixing: string; meanFrameDifference: number; record: VpixmixRecord }[] = [];
    for (const preset of presets) {
      const started = Date.now();
      const source = await sourceFor(preset, sources);
      const cfg = preset === 'video-mixing' ? vpixmixConfig(preset, { shortClip: 'bounce' }) : vpixmixConfig(preset);
      const { clip: augmented, record } = vpixmix(clip, source, cfg, Rng.seeded(seed));
      const { mean } = frameDifferences(augmented);
      columns.push(augmented);
      report.push({ preset, mixing: source.name, meanFrameDifference: Number(mean.toFixed(5)), record });
      io.err(`${preset}: ${source.name}, mean |frame t+1 - frame t| = ${mean.toFixed(4)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    const preview = sideBySide([clip, ...columns]);
    if (/\.gif$/i.test(out)) await writeGif(out, preview, { fps, scale });
    else await encodeClip(preview, out, { fps, scale });
    const recordsFile = `${out.replace(/\.[^./]+$/, '')}.json`;
    const original = frameDifferences(clip).mean;
    writeFileSync(recordsFile, `${JSON.stringify({ input, seed, frames, size, columns: ['original', ...presets], originalFrameDifference: Number(original.toFixed(5)), presets: report }, null, 1)}\n`);
    io.out(JSON.stringify({ preview: out, records: recordsFile, columns: ['original', ...presets], meanFrameDifference: Object.fromEntries([['original', Number(original.toFixed(5))], ...report.map((r) => [r.preset, r.meanFrameDifference])]) }));
  },
};
