import { Rng } from '@vpixmix/augment-core';
import { decodeFrames, DecodedClipCache, ffmpegPath, probe, readClip, writeTestVideo } from '@vpixmix/video-io';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CommandIo } from '../command';
import { choiceOption, numberOption, stringOption } from '../options';
import type { Benchmark } from './benchmark';

const REFERENCE_SCRIPT = path.join(__dirname, 'decode-reference.py');

interface PyAvFigures {
  decoder: string;
  frames: number;
  fullDecodeFps: number;
  clipSeekSeconds: number;
  clipFromStartSeconds: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `repeats` runs of `fn`, seconds. */
async function timed(repeats: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(times);
}

async function decodeAll(file: string, options: Parameters<typeof decodeFrames>[1]): Promise<number> {
  let frames = 0;
  for await (const frame of decodeFrames(file, options)) if (frame.data.length > 0) frames++;
  return frames;
}

/** ffmpeg alone, output discarded: the ceiling for any wrapper around it. */
function ffmpegCli(file: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['-nostdin', '-v', 'error', '-i', file, '-vf', `scale=${size}:${size}:flags=bilinear`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

function pyAvReference(python: string, video: string, longVideo: string, size: number, clipFrames: number, repeats: number): Promise<PyAvFigures | string> {
  if (python === 'none') return Promise.resolve('skipped (--python none)');
  if (!existsSync(python)) return Promise.resolve(`skipped: ${python} not found (apt-get install python3-av)`);
  return new Promise((resolve) => {
    const child = spawn(python, [REFERENCE_SCRIPT, video, longVideo, String(size), String(clipFrames), String(repeats)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (error) => resolve(`failed: ${error.message}`));
    child.on('close', (code) => {
      if (code !== 0) return resolve(`failed (exit ${code}): ${err.trim().split('\n').pop()}`);
      try {
        resolve(JSON.parse(out) as PyAvFigures);
      } catch {
        resolve(`failed: unreadable output ${out.slice(0, 200)}`);
      }
    });
  });
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a: number, b: number) => `x${(a / b).toFixed(2)}`;

function step(io: CommandIo, done: number, total: number, what: string, started: number): void {
  const elapsed = (Date.now() - started) / 1000;
  const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
  io.err(`[bench decode ${done}/${total}] ${what} (elapsed ${elapsed.toFixed(0)} s, ETA ~${eta.toFixed(0)} s)`);
}

export const decodeBenchmark: Benchmark = {
  name: 'decode',
  summary: 'Video decoding to 112x112: frames/s from the file and from the cache; a mid-video clip read vs a full decode.',
  usage: `vpixmix bench decode [options]

Makes two videos with ffmpeg (a 320x240, 25 fps one, UCF101's size and rate, and a long one),
then measures, medians over --repeats runs:
  - full decode to SIZExSIZE RGB with decodeFrames, frames/s, against ffmpeg alone writing to
    nowhere (the ceiling) and PyAV (the reference: torchvision's decoder);
  - filling the decoded-clip cache, and decodeFrames / readClip from the cache;
  - a --clip-frames clip at the centre of the long video with readClip (input-side seek), the same
    clip decoding from frame 0 (seek: false), and a full decode of the long video. The first
    readClip of a file runs ffprobe; later ones reuse its answer (same path, size and mtime).

Options:
  --seconds S        length of the 320x240 video (default 20)
  --long-seconds S   length of the long video (default 120)
  --size N           output side (default 112)
  --codec C          mpeg4 (default; UCF101's codec, in .avi) or h264 (.mp4)
  --bitrate B        video bitrate (default 700k, about UCF101's)
  --gop N            keyframe interval of the videos (default 250)
  --clip-frames T    frames in the clip (default 16)
  --repeats R        runs per figure, median reported (default 3)
  --python P         the Python with PyAV for the reference, or 'none' (default /usr/bin/python3)
  --keep DIR         write the videos and cache under DIR and keep them (default: a temp dir, removed)`,
  options: {
    seconds: { type: 'string' },
    'long-seconds': { type: 'string' },
    size: { type: 'string' },
    codec: { type: 'string' },
    bitrate: { type: 'string' },
    gop: { type: 'string' },
    'clip-frames': { type: 'string' },
    repeats: { type: 'string' },
    python: { type: 'string' },
    keep: { type: 'string' },
  },
  async run({ values }, io) {
    const seconds = numberOption(values, 'seconds', 20, { min: 1, max: 3600 });
    const longSeconds = numberOption(values, 'long-seconds', 120, { min: 2, max: 36000 });
    const size = numberOption(values, 'size', 112, { min: 8, max: 1024, integer: true });
    const codec = choiceOption(values, 'codec', ['mpeg4', 'h264'] as const, 'mpeg4');
    const bitrate = stringOption(values, 'bitrate', '700k');
    const gop = numberOption(values, 'gop', 250, { min: 1, max: 10000, integer: true });
    const clipFrames = numberOption(values, 'clip-frames', 16, { min: 1, max: 1000, integer: true });
    const repeats = numberOption(values, 'repeats', 3, { min: 1, max: 100, integer: true });
    const python = stringOption(values, 'python', '/usr/bin/python3');
    const keep = stringOption(values, 'keep');

    const dir = keep ? path.resolve(keep) : await fs.mkdtemp(path.join(tmpdir(), 'vpixmix-bench-decode-'));
    const ext = codec === 'mpeg4' ? 'avi' : 'mp4';
    const video = path.join(dir, `320x240-${seconds}s.${ext}`);
    const longVideo = path.join(dir, `320x240-${longSeconds}s.${ext}`);
    const started = Date.now();
    const steps = 7;
    try {
      step(io, 0, steps, 'writing the videos with ffmpeg', started);
      const common = { source: 'testsrc2' as const, width: 320, height: 240, fps: 25, codec, bitrate, keyframeInterval: gop };
      await writeTestVideo(video, { ...common, frames: Math.round(seconds * 25) });
      await writeTestVideo(longVideo, { ...common, frames: Math.round(longSeconds * 25) });
      const info = await probe(video);
      const longInfo = await probe(longVideo);
      const frames = info.frameCount;

      step(io, 1, steps, 'ffmpeg alone', started);
      const cliSeconds = await timed(repeats, () => ffmpegCli(video, size));

      step(io, 2, steps, 'decodeFrames from the file', started);
      const fileSeconds = await timed(repeats, () => decodeAll(video, { size }));

      step(io, 3, steps, 'cache fill and reads', started);
      let cache = new DecodedClipCache({ dir: path.join(dir, 'cache') });
      const fills: number[] = [];
      for (let r = 0; r < repeats; r++) {
        await cache.clear();
        cache = new DecodedClipCache({ dir: path.join(dir, 'cache') });
        fills.push(await timed(1, () => cache.ensure(video, { size })));
      }
      const fillSeconds = median(fills);
      const cachedSeconds = await timed(repeats, () => decodeAll(video, { size, cache }));
      const rng = Rng.seeded('bench-decode');
      const clipsFromCache = 50;
      const cachedClipSeconds = await timed(repeats, async () => {
        for (let i = 0; i < clipsFromCache; i++) await readClip(video, { frames: clipFrames, start: 'random', rng, size, cache });
      });

      step(io, 4, steps, `a ${clipFrames}-frame clip at the centre of the long video`, started);
      const coldSeconds = await timed(1, async () => readClip(longVideo, { frames: clipFrames, start: 'center', size, info: await probe(longVideo, { fresh: true }) }));
      const seekSeconds = await timed(repeats, () => readClip(longVideo, { frames: clipFrames, start: 'center', size }));
      const fromStartSeconds = await timed(repeats, () => readClip(longVideo, { frames: clipFrames, start: 'center', size, seek: false }));

      step(io, 5, steps, 'full decode of the long video', started);
      const longFullSeconds = await timed(repeats, () => decodeAll(longVideo, { size }));

      step(io, 6, steps, 'PyAV reference', started);
      const reference = await pyAvReference(python, video, longVideo, size, clipFrames, repeats);
      step(io, 7, steps, 'done', started);

      const fileFps = frames / fileSeconds;
      const cliFps = frames / cliSeconds;
      const ref = typeof reference === 'string' ? undefined : reference;
      const vsRef = (ours: number, theirs: number | undefined) => (theirs ? `${ratio(ours, theirs)} of PyAV` : '');
      const lines = [
        `decode: ${codec} ${info.width}x${info.height} ${info.fps} fps, ${bitrate}b/s, keyframe every ${gop}; ${frames} frames -> ${size}x${size} RGB (bilinear); median of ${repeats}`,
        `  ffmpeg alone, output discarded       ${fmt(cliFps).padStart(8)} frames/s   (ceiling)`,
        `  decodeFrames from the file           ${fmt(fileFps).padStart(8)} frames/s   ${ratio(fileFps, cliFps)} of ffmpeg alone  ${vsRef(fileFps, ref?.fullDecodeFps)}`,
        `  PyAV full decode (reference)         ${ref ? fmt(ref.fullDecodeFps).padStart(8) + ' frames/s   ' + ref.decoder : String(reference)}`,
        `  cache fill (decode + write)          ${fmt(frames / fillSeconds).padStart(8)} frames/s`,
        `  decodeFrames from the cache          ${fmt(frames / cachedSeconds).padStart(8)} frames/s   ${ratio(fileSeconds, cachedSeconds)} faster than from the file`,
        `  readClip ${clipFrames} random frames, cache   ${fmt(clipsFromCache / cachedClipSeconds, 1).padStart(8)} clips/s`,
        `long video: ${longInfo.frameCount} frames (${longSeconds} s); a ${clipFrames}-frame clip at the centre`,
        `  readClip, seeking                    ${fmt(seekSeconds * 1000, 1).padStart(8)} ms     ${ref ? `${ratio(seekSeconds, ref.clipSeekSeconds)} the time of PyAV's seek (${fmt(ref.clipSeekSeconds * 1000, 1)} ms)` : ''}`,
        `  readClip, seeking, first call        ${fmt(coldSeconds * 1000, 1).padStart(8)} ms     (includes ffprobe; later calls reuse the probe)`,
        `  readClip, decoding from frame 0      ${fmt(fromStartSeconds * 1000, 1).padStart(8)} ms     ${ref ? `PyAV from frame 0: ${fmt(ref.clipFromStartSeconds * 1000, 1)} ms` : ''}`,
        `  full decode of the long video        ${fmt(longFullSeconds * 1000, 1).padStart(8)} ms`,
        `  seeking is ${(fromStartSeconds / seekSeconds).toFixed(1)}x faster than decoding from frame 0, ${(longFullSeconds / seekSeconds).toFixed(1)}x faster than a full decode`,
      ];
      io.out(lines.join('\n'));
      return 0;
    } finally {
      if (!keep) await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
