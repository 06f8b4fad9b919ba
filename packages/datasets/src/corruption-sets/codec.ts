import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClipU8, type Rng } from '@vpixmix/augment-core';
import { checkSeverity } from '@vpixmix/corruptions';
import { CorruptMediaError, FfmpegFailedError, ZeroFramesError, decodeFrames, ffmpegPath } from '@vpixmix/video-io';
import { DatasetArgumentError, DatasetFormatError } from '../errors';

/** The codec corruptions of video -C sets: they run ffmpeg, so they live here, not in augment-core. */
export const CODEC_CORRUPTION_NAMES = ['h264_crf', 'bit_errors'] as const;
export type CodecCorruptionName = (typeof CODEC_CORRUPTION_NAMES)[number];

/** libx264 constant rate factor per severity (51 is the coarsest x264 allows). */
export const H264_CRF = [27, 33, 39, 45, 51] as const;
/** Probability that a bit of a clip's coded slices is flipped, per severity (at least `severity` flips per clip). */
export const BIT_ERROR_RATE = [1e-4, 2e-4, 4e-4, 8e-4, 1.6e-3] as const;
/** The CRF the bit-error streams are encoded at (visually near-lossless). */
export const BIT_ERROR_BASE_CRF = 18;

export function isCodecCorruption(name: string): name is CodecCorruptionName {
  return (CODEC_CORRUPTION_NAMES as readonly string[]).includes(name);
}

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vpixmix-codec-'));
  try {
    return await body(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function checkClips(clips: readonly ClipU8[]): { frames: number; width: number; height: number } {
  if (clips.length === 0) throw new DatasetArgumentError('clips', 'need at least one clip');
  const { frames, width, height } = clips[0];
  clips.forEach((c, i) => {
    if (c.frames !== frames || c.width !== width || c.height !== height) {
      throw new DatasetArgumentError(`clips[${i}]`, `is ${c.frames}x${c.width}x${c.height}, clip 0 is ${frames}x${width}x${height}`);
    }
  });
  return { frames, width, height };
}

/**
 * Encodes the clips back to back as one H.264 stream (libx264, yuv420p, one slice per frame,
 * no B-frames, an IDR frame at every clip start and a closed GOP, so no clip refers to
 * another) into `file`.
 */
async function encodeBackToBack(clips: readonly ClipU8[], file: string, crf: number): Promise<void> {
  const { frames, width, height } = checkClips(clips);
  const raw = `${file}.rgb`;
  const size = frames * width * height * 3;
  const all = new Uint8Array(size * clips.length);
  clips.forEach((c, i) => all.set(c.data, i * size));
  await fs.writeFile(raw, all);
  const even = width % 2 || height % 2 ? ['-vf', `format=gbrp,pad=${width + (width % 2)}:${height + (height % 2)},fillborders=right=${width % 2}:bottom=${height % 2}:mode=smear`] : [];
  const args = [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-video_size', `${width}x${height}`, '-framerate', '10', '-i', raw,
    ...even,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', '-crf', String(crf), '-threads', '1',
    '-bf', '0', '-g', String(frames), '-keyint_min', String(frames), '-sc_threshold', '0', '-x264-params', 'open-gop=0',
    file,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new FfmpegFailedError(file, `ffmpeg could not encode ${clips.length} clips (exit ${code})`, stderr))));
  });
  await fs.rm(raw, { force: true });
}

/** Decodes `file` leniently into `count` clips shaped like `like`: missing frames repeat the last decoded one (black if none decodes). */
async function decodeClips(file: string, count: number, like: { frames: number; width: number; height: number }): Promise<ClipU8[]> {
  const { frames, width, height } = like;
  const frameSize = width * height * 3;
  const total = frames * count;
  const data = new Uint8Array(frameSize * total);
  let got = 0;
  try {
    for await (const frame of decodeFrames(file, { strict: false, threads: 1 })) {
      if (got >= total) break;
      // yuv420p pads odd sides on the right and bottom: keep the top-left width x height.
      for (let y = 0; y < height; y++) data.set(frame.data.subarray(y * frame.width * 3, (y * frame.width + width) * 3), got * frameSize + y * width * 3);
      got++;
    }
  } catch (error) {
    // Bit errors can leave nothing decodable; anything else is a real failure.
    if (!(error instanceof CorruptMediaError || error instanceof ZeroFramesError)) throw error;
  }
  if (got > 0) for (let t = got; t < total; t++) data.copyWithin(t * frameSize, (got - 1) * frameSize, got * frameSize);
  const clipSize = frameSize * frames;
  return Array.from({ length: count }, (_, i) => ({ frames, width, height, channels: 3 as const, data: data.slice(i * clipSize, (i + 1) * clipSize) }));
}

interface Box {
  type: string;
  start: number;
  end: number;
}

function topLevelBoxes(bytes: Buffer): Box[] {
  const boxes: Box[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) size = bytes.length - offset;
    if (size < header || offset + size > bytes.length) break;
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** Byte ranges of the coded slices (NAL types 1 and 5, after the one-byte NAL header) in an MP4's mdat, in decoding order. */
export function sliceRanges(mp4: Buffer, file = '<mp4>'): [number, number][] {
  const mdat = topLevelBoxes(mp4).find((b) => b.type === 'mdat');
  if (!mdat) throw new DatasetFormatError(file, 'an MP4 with an mdat box', 'none');
  const ranges: [number, number][] = [];
  let offset = mdat.start;
  while (offset + 4 <= mdat.end) {
    const length = mp4.readUInt32BE(offset);
    const nal = offset + 4;
    if (length < 1 || nal + length > mdat.end) break;
    const type = mp4[nal] & 0x1f;
    if ((type === 1 || type === 5) && length > 1) ranges.push([nal + 1, nal + length]);
    offset = nal + length;
  }
  return ranges;
}

/** Flips `flips` distinct random bits spread over `ranges` of `bytes`. */
function flipBits(bytes: Buffer, ranges: readonly [number, number][], rate: number, minimum: number, rng: Rng): void {
  const bits = ranges.reduce((n, [a, b]) => n + (b - a) * 8, 0);
  const flips = Math.min(bits, Math.max(minimum, Math.round(rate * bits)));
  const chosen = new Set<number>();
  while (chosen.size < flips) chosen.add(rng.int(0, bits));
  for (const bit of chosen) {
    let k = bit;
    for (const [a, b] of ranges) {
      if (k < (b - a) * 8) {
        bytes[a + (k >> 3)] ^= 1 << (k & 7);
        break;
      }
      k -= (b - a) * 8;
    }
  }
}

/** The clips encoded with libx264 at the severity's CRF and decoded again (one ffmpeg encode for all of them). */
export async function h264Crf(clips: readonly ClipU8[], severity: number): Promise<ClipU8[]> {
  const s = checkSeverity('h264_crf', severity);
  const like = checkClips(clips);
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'clips.mp4');
    await encodeBackToBack(clips, file, H264_CRF[s - 1]);
    return decodeClips(file, clips.length, like);
  });
}

/**
 * Transmission errors: the clips are encoded (libx264, CRF 18), bits of each clip's coded
 * slices are flipped at the severity's rate with that clip's generator (the container,
 * parameter sets and NAL headers are spared, so the file still opens), and ffmpeg's decoder
 * conceals what it can. Errors stay within their clip: every clip starts with an IDR frame.
 */
export async function bitErrors(clips: readonly ClipU8[], severity: number, rngs: readonly Rng[]): Promise<ClipU8[]> {
  const s = checkSeverity('bit_errors', severity);
  const like = checkClips(clips);
  if (rngs.length !== clips.length) throw new DatasetArgumentError('rngs', `need one generator per clip (${clips.length}), got ${rngs.length}`);
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'clips.mp4');
    await encodeBackToBack(clips, file, BIT_ERROR_BASE_CRF);
    const bytes = await fs.readFile(file);
    const slices = sliceRanges(bytes, file);
    if (slices.length !== clips.length * like.frames) {
      throw new DatasetFormatError(file, `${clips.length * like.frames} coded slices (one per frame)`, `${slices.length}`);
    }
    clips.forEach((_, i) => flipBits(bytes, slices.slice(i * like.frames, (i + 1) * like.frames), BIT_ERROR_RATE[s - 1], s, rngs[i]));
    await fs.writeFile(file, bytes);
    return decodeClips(file, clips.length, like);
  });
}
