import type { ClipU8, Rng } from '@vpixmix/augment-core';
import type { DecodedClipCache } from '../cache/clip-cache';
import { VideoIoArgumentError, VideoTooShortError, ZeroFramesError } from '../errors';
import { decodeSelectedFrames, prepareVideo, type FrameOptions } from './decode-frames';

export interface ReadClipOptions extends FrameOptions {
  /** T: frames in the clip. */
  frames: number;
  /** Output frames between consecutive clip frames. Default 1. */
  stride?: number;
  /**
   * First output frame: an index, 'center' (the clip centred in the video), or 'random' (uniform
   * over every start that fits; needs `rng`). Default 0.
   */
  start?: number | 'random' | 'center';
  /** Draws the 'random' start. */
  rng?: Rng;
  /**
   * When the video has fewer frames than the clip spans: 'error' (default, VideoTooShortError),
   * 'loop' (indices wrap around to frame 0), 'last' (the last frame repeats).
   */
  short?: 'error' | 'loop' | 'last';
  /** Read through this decoded-clip cache (the whole video is decoded into it on first use). */
  cache?: DecodedClipCache;
}

/** A clip and where it came from: `indices[t]` is clip frame t's index at the output rate. */
export type VideoClip = ClipU8 & { readonly indices: readonly number[]; readonly start: number };

/** Where a clip of `frames` x `stride` starts in a video of `total` frames, and its frame indices. */
export function clipIndices(total: number, options: Pick<ReadClipOptions, 'frames' | 'stride' | 'start' | 'rng' | 'short'>, file = '<video>'): { start: number; indices: number[] } {
  const { frames, stride = 1, short = 'error' } = options;
  if (!Number.isInteger(frames) || frames < 1) throw new VideoIoArgumentError('frames', `must be an integer >= 1, got ${frames}`);
  if (!Number.isInteger(stride) || stride < 1) throw new VideoIoArgumentError('stride', `must be an integer >= 1, got ${stride}`);
  if (!['error', 'loop', 'last'].includes(short)) throw new VideoIoArgumentError('short', `must be 'error', 'loop' or 'last', got '${short}'`);
  if (total < 1) throw new ZeroFramesError(file);
  const span = (frames - 1) * stride + 1;
  const room = Math.max(0, total - span);
  const requested = options.start ?? 0;
  let start: number;
  if (requested === 'center') {
    start = Math.floor(room / 2);
  } else if (requested === 'random') {
    if (!options.rng) throw new VideoIoArgumentError('rng', "start: 'random' needs an rng (Rng from @vpixmix/augment-core)");
    start = options.rng.int(0, room + 1);
  } else {
    if (!Number.isInteger(requested) || requested < 0) {
      throw new VideoIoArgumentError('start', `must be an integer >= 0, 'center' or 'random', got ${String(requested)}`);
    }
    start = requested;
  }
  const indices: number[] = [];
  for (let t = 0; t < frames; t++) {
    const k = start + t * stride;
    if (k < total) indices.push(k);
    else if (short === 'loop') indices.push(k % total);
    else if (short === 'last') indices.push(total - 1);
    else throw new VideoTooShortError(file, start + span, total);
  }
  return { start, indices };
}

/**
 * Reads a T-frame clip. Without a cache it seeks (input-side -ss) to the clip's first frame and decodes
 * only the frames the clip spans, so a clip from the middle of a long video does not decode from frame
 * 0; with a cache it reads the frames from the cached decode.
 */
export async function readClip(file: string, options: ReadClipOptions): Promise<VideoClip> {
  const { cache, ...frameOptions } = options;
  if (cache) {
    const cached = await cache.ensure(file, frameOptions);
    const { start, indices } = clipIndices(cached.frames, options, file);
    return assemble(start, indices, cached.width, cached.height, await cached.readFrames(indices));
  }
  const video = await prepareVideo(file, frameOptions);
  const { start, indices } = clipIndices(video.total, options, file);
  const targets = [...new Set(indices)].sort((a, b) => a - b);
  const byIndex = new Map<number, Uint8Array>();
  for await (const frame of decodeSelectedFrames(video, targets)) byIndex.set(frame.index, frame.data);
  // Only a non-strict decode of a damaged file can stop short; then the clip cannot be formed.
  const missing = indices.find((k) => !byIndex.has(k));
  if (missing !== undefined) throw new VideoTooShortError(file, missing + 1, Math.max(-1, ...byIndex.keys()) + 1);
  return assemble(start, indices, video.width, video.height, indices.map((k) => byIndex.get(k) as Uint8Array));
}

function assemble(start: number, indices: number[], width: number, height: number, frames: Uint8Array[]): VideoClip {
  const size = width * height * 3;
  const data = new Uint8Array(size * indices.length);
  frames.forEach((frame, t) => data.set(frame, t * size));
  return { frames: indices.length, width, height, channels: 3, data, indices, start };
}
