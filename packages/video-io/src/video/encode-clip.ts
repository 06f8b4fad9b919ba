import { floatToBytes, type Clip } from '@vpixmix/augment-core';
import ffmpeg from 'fluent-ffmpeg';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempSibling } from '../atomic-write';
import { FfmpegFailedError, VideoIoArgumentError } from '../errors';
import { ffmpegPath } from '../ffmpeg/binaries';
import { writeGif, type GifOptions } from '../image/gif';

export type VideoCodec = 'h264' | 'h264-lossless' | 'ffv1' | 'vp9';

export interface EncodeClipOptions extends GifOptions {
  /** Frames per second. Default 10. */
  fps?: number;
  /**
   * Default by extension: .mp4/.mov -> 'h264' (libx264, yuv420p, crf 18: plays everywhere, lossy);
   * .mkv/.avi/.nut -> 'ffv1' (lossless); .webm -> 'vp9'. 'h264-lossless' is libx264rgb -qp 0.
   * .gif is written in-process (gifenc) whatever this says.
   */
  codec?: VideoCodec;
  /** libx264/vp9 constant rate factor (lower is better). Default 18 (h264) / 30 (vp9). */
  crf?: number;
}

const DEFAULT_CODEC: Record<string, VideoCodec> = { '.mp4': 'h264', '.mov': 'h264', '.mkv': 'ffv1', '.avi': 'ffv1', '.nut': 'ffv1', '.webm': 'vp9' };

/**
 * yuv420p needs even sides: an odd side gets one more row/column repeating the edge (black would bleed
 * into the chroma). Planar RGB first, or ffmpeg negotiates yuv420p at the odd size before padding.
 */
function evenSides(width: number, height: number): string[] {
  const right = width % 2;
  const bottom = height % 2;
  if (!right && !bottom) return [];
  return ['-vf', `format=gbrp,pad=${width + right}:${height + bottom},fillborders=right=${right}:bottom=${bottom}:mode=smear`];
}

function codecArgs(codec: VideoCodec, crf: number | undefined, width: number, height: number): string[] {
  switch (codec) {
    case 'h264':
      return [...evenSides(width, height), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', '-crf', String(crf ?? 18), '-movflags', '+faststart'];
    case 'h264-lossless':
      return ['-c:v', 'libx264rgb', '-qp', '0', '-preset', 'veryfast'];
    case 'ffv1':
      return ['-c:v', 'ffv1'];
    case 'vp9':
      return ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(crf ?? 30)];
  }
}

/**
 * Writes a clip (uint8 or float [0, 1]) as a video or an animated GIF, chosen by the extension.
 * Videos go through ffmpeg (driven by fluent-ffmpeg, kept behind this function); the output appears
 * whole or not at all (temp file, then rename).
 */
export async function encodeClip(clip: Clip, file: string, options: EncodeClipOptions = {}): Promise<void> {
  const fps = options.fps ?? 10;
  if (!(Number.isFinite(fps) && fps > 0 && fps <= 1000)) throw new VideoIoArgumentError('fps', `must be in (0, 1000], got ${fps}`);
  if (!Number.isInteger(clip.frames) || clip.frames < 1 || clip.data.length !== clip.frames * clip.width * clip.height * 3) {
    throw new VideoIoArgumentError('clip', `must be T x H x W x 3 with T >= 1; got ${clip.frames}x${clip.height}x${clip.width}x3 and ${clip.data.length} values`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.gif') return writeGif(file, clip, { ...options, fps });
  const codec = options.codec ?? DEFAULT_CODEC[ext];
  if (!codec) throw new VideoIoArgumentError('file', `${file}: extension '${ext}' is not one of .gif, ${Object.keys(DEFAULT_CODEC).join(', ')}`);
  if (!['h264', 'h264-lossless', 'ffv1', 'vp9'].includes(codec)) throw new VideoIoArgumentError('codec', `unknown codec '${codec}'`);
  if (options.crf !== undefined && !(Number.isInteger(options.crf) && options.crf >= 0 && options.crf <= 51)) {
    throw new VideoIoArgumentError('crf', `must be an integer in [0, 51], got ${options.crf}`);
  }

  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const raw = tempSibling(file);
  const out = path.join(path.dirname(file), `.${path.basename(file, ext)}.${randomBytes(6).toString('hex')}${ext}`);
  const bytes = clip.data instanceof Uint8Array ? clip.data : floatToBytes(clip.data);
  try {
    await fs.writeFile(raw, bytes);
    await runFfmpeg(file, raw, out, clip, fps, codecArgs(codec, options.crf, clip.width, clip.height));
    await fs.rename(out, file);
  } finally {
    await fs.rm(raw, { force: true });
    await fs.rm(out, { force: true });
  }
}

function runFfmpeg(file: string, raw: string, out: string, clip: Clip, fps: number, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    ffmpeg()
      .setFfmpegPath(ffmpegPath())
      .input(raw)
      .inputFormat('rawvideo')
      .inputOptions(['-pix_fmt', 'rgb24', '-video_size', `${clip.width}x${clip.height}`, '-framerate', String(fps)])
      .outputOptions(['-v', 'error', ...args])
      .output(out)
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) =>
        reject(new FfmpegFailedError(file, `ffmpeg could not encode the clip (${error.message.split('\n')[0]})`, stderr ?? '')),
      )
      .on('end', () => resolve())
      .run();
  });
}
