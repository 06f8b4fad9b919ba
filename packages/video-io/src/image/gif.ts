import { clipFrame, type Clip } from '@vpixmix/augment-core';
import { applyPalette, GIFEncoder, quantize, type Palette } from 'gifenc';
import { writeFileAtomic } from '../atomic-write';
import { VideoIoArgumentError } from '../errors';
import { enlarge, imageBytes, rgbToRgba } from './pixels';

export interface GifOptions {
  /** Frames per second (GIF stores delays in 1/100 s, so the delay is rounded to 10 ms). Default 10. */
  fps?: number;
  /** Nearest-neighbour enlargement by an integer factor. Default 1. */
  scale?: number;
  /**
   * 'global' (default): one 256-colour palette for the whole clip, so colours do not flicker between
   * frames and a clip's own temporal flicker stays visible; 'per-frame': the best palette per frame.
   */
  palette?: 'global' | 'per-frame';
  /** Loop forever (default) or play once. */
  loop?: boolean;
}

/** At most this many pixels go into the global palette's quantizer; beyond it frames are subsampled. */
const PALETTE_SAMPLE_PIXELS = 1 << 21;

function validate(clip: Clip, options: GifOptions): number {
  const fps = options.fps ?? 10;
  if (!(fps > 0 && fps <= 100)) throw new VideoIoArgumentError('fps', `must be in (0, 100], got ${fps}`);
  if (!Number.isInteger(clip.frames) || clip.frames < 1) throw new VideoIoArgumentError('clip', `needs at least one frame, got ${clip.frames}`);
  if (clip.data.length !== clip.frames * clip.width * clip.height * 3) {
    throw new VideoIoArgumentError('clip', `data holds ${clip.data.length} values, ${clip.frames}x${clip.width}x${clip.height}x3 needs ${clip.frames * clip.width * clip.height * 3}`);
  }
  return fps;
}

/** Clip (uint8 or float [0, 1]) -> animated GIF bytes, encoded in-process with gifenc. */
export function encodeGif(clip: Clip, options: GifOptions = {}): Uint8Array {
  const fps = validate(clip, options);
  const frames: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let t = 0; t < clip.frames; t++) {
    const frame = enlarge(imageBytes(clipFrame(clip, t), `clip frame ${t}`), options.scale ?? 1);
    ({ width, height } = frame);
    frames.push(rgbToRgba(frame.data));
  }
  const global = (options.palette ?? 'global') === 'global' ? globalPalette(frames) : undefined;
  const gif = GIFEncoder();
  const delay = Math.round(1000 / fps);
  frames.forEach((rgba) => {
    const palette = global ?? quantize(rgba, 256);
    gif.writeFrame(applyPalette(rgba, palette), width, height, { palette, delay, repeat: options.loop === false ? -1 : 0 });
  });
  gif.finish();
  return gif.bytes();
}

function globalPalette(frames: Uint8Array[]): Palette {
  const pixelsPerFrame = frames[0].length / 4;
  const step = Math.max(1, Math.ceil((pixelsPerFrame * frames.length) / PALETTE_SAMPLE_PIXELS));
  const chosen = frames.filter((_, t) => t % step === 0);
  const joined = new Uint8Array(chosen.length * frames[0].length);
  chosen.forEach((rgba, i) => joined.set(rgba, i * rgba.length));
  return quantize(joined, 256);
}

/** Writes an animated GIF (parents created; temp file then rename). */
export async function writeGif(file: string, clip: Clip, options: GifOptions = {}): Promise<void> {
  await writeFileAtomic(file, encodeGif(clip, options));
}
