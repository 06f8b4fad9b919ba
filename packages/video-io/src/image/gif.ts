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
   * A clip (or frame) with at most 256 colours gets exactly those: the GIF is then lossless.
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
  const global = (options.palette ?? 'global') === 'global' ? choosePalette(frames) : undefined;
  const gif = GIFEncoder();
  const delay = Math.round(1000 / fps);
  frames.forEach((rgba) => {
    const { palette, index } = global ?? choosePalette([rgba]);
    gif.writeFrame(index(rgba), width, height, { palette, delay, repeat: options.loop === false ? -1 : 0 });
  });
  gif.finish();
  return gif.bytes();
}

interface ChosenPalette {
  palette: Palette;
  index(rgba: Uint8Array): Uint8Array;
}

/** The frames' own colours when there are at most 256 (the GIF is then exact), else gifenc's quantizer. */
function choosePalette(frames: Uint8Array[]): ChosenPalette {
  return exactPalette(frames) ?? quantizedPalette(frames);
}

function exactPalette(frames: Uint8Array[]): ChosenPalette | undefined {
  const slots = new Map<number, number>();
  for (const rgba of frames) {
    for (let i = 0; i < rgba.length; i += 4) {
      const colour = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
      if (!slots.has(colour)) {
        if (slots.size === 256) return undefined;
        slots.set(colour, slots.size);
      }
    }
  }
  const palette = [...slots.keys()].map((c) => [c >> 16, (c >> 8) & 255, c & 255]);
  return {
    palette,
    index(rgba) {
      const out = new Uint8Array(rgba.length / 4);
      for (let p = 0; p < out.length; p++) out[p] = slots.get((rgba[p * 4] << 16) | (rgba[p * 4 + 1] << 8) | rgba[p * 4 + 2]) ?? 0;
      return out;
    },
  };
}

function quantizedPalette(frames: Uint8Array[]): ChosenPalette {
  const pixelsPerFrame = frames[0].length / 4;
  const step = Math.max(1, Math.ceil((pixelsPerFrame * frames.length) / PALETTE_SAMPLE_PIXELS));
  const chosen = frames.filter((_, t) => t % step === 0);
  const joined = new Uint8Array(chosen.length * frames[0].length);
  chosen.forEach((rgba, i) => joined.set(rgba, i * rgba.length));
  const palette = quantize(joined, 256);
  return { palette, index: (rgba) => applyPalette(rgba, palette) };
}

/** Writes an animated GIF (parents created; temp file then rename). */
export async function writeGif(file: string, clip: Clip, options: GifOptions = {}): Promise<void> {
  await writeFileAtomic(file, encodeGif(clip, options));
}
