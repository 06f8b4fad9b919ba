import type { DecodedClipCache } from '../cache/clip-cache';
import { VideoIoArgumentError, VideoTooShortError } from '../errors';
import { decodeFromFile, type DecodeOptions, type VideoFrame } from './decode-frames';

export interface CachedDecodeOptions extends DecodeOptions {
  /**
   * Read through this cache: the first use of a video decodes all of it (at this size / fps /
   * interpolation) to disk, later uses read frames from there without ffmpeg.
   */
  cache?: DecodedClipCache;
}

/**
 * Decodes a video to RGB frames: an async iterator, one exact W*H*3 frame per step, read from ffmpeg
 * only as fast as it is consumed. Stop iterating at any time: ffmpeg is killed and reaped. Errors are
 * typed (`MediaFileError`): missing file, not a video, truncated/corrupt, zero frames, ffmpeg missing.
 */
export async function* decodeFrames(file: string, options: CachedDecodeOptions = {}): AsyncGenerator<VideoFrame, void, undefined> {
  const { cache, ...rest } = options;
  if (!cache) {
    yield* decodeFromFile(file, rest);
    return;
  }
  const start = rest.start ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new VideoIoArgumentError('start', `must be an integer >= 0, got ${start}`);
  if (rest.maxFrames !== undefined && !(Number.isInteger(rest.maxFrames) && rest.maxFrames >= 1)) {
    throw new VideoIoArgumentError('maxFrames', `must be an integer >= 1, got ${rest.maxFrames}`);
  }
  const cached = await cache.ensure(file, rest);
  if (start >= cached.frames) throw new VideoTooShortError(file, start + 1, cached.frames);
  yield* cached.iterate(start, Math.min(cached.frames, start + (rest.maxFrames ?? Infinity)));
}
