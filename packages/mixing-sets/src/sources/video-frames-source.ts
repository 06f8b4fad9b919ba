import type { ClipF32, ImageF32, ImageU8, MixingClipSource, Rng } from '@vpixmix/augment-core';
import { decodeFrames, probe } from '@vpixmix/video-io';
import { MixingArgumentError, MixingPictureTooSmallError, MixingVideoError } from '../errors';
import { crop, resizeShorterSide, resizeTarget, sampleCrop } from '../preprocess/reference-preprocess';

export interface VideoFramesOptions {
  /**
   * The target size the source will mostly be asked for: frames are decoded (ffmpeg, bilinear)
   * with their shorter side at size * 36 / 32, so `picture`/`clip` only crop. Default: native size.
   */
  size?: number;
  /** Output frame rate (ffmpeg drops/repeats frames by index). Default: the video's own. */
  fps?: number;
  /** First frame (at the output rate). Default 0. */
  start?: number;
  /** At most this many frames are loaded (they are held in memory). Default 2048. */
  maxFrames?: number;
  /** Let frames smaller than the crop be upscaled instead of raising an error. Default false. */
  upscale?: boolean;
}

/**
 * The frames of one video as a mixing clip source, decoded into memory by `loadVideoFrames`.
 * `picture(i)` is frame i; `clip(i, T)` is T consecutive frames from frame i (moved back so
 * the clip fits), all cropped at the same place: the mixing structure moves as the video does.
 */
export class VideoFramesSource implements MixingClipSource {
  readonly name: string;
  readonly length: number;

  constructor(
    readonly file: string,
    private readonly frames: readonly ImageU8[],
    private readonly upscale: boolean,
  ) {
    this.length = frames.length;
    this.name = `video(${file}, ${frames.length} frames)`;
  }

  private prepare(frame: ImageU8, width: number, height: number): ImageU8 {
    const needed = Math.max(width, height);
    if (!this.upscale && Math.min(frame.width, frame.height) < needed) {
      throw new MixingPictureTooSmallError(this.file, frame, needed, 0, 'or load with upscale: true');
    }
    return resizeShorterSide(frame, resizeTarget(width, height));
  }

  picture(index: number, width: number, height: number, rng: Rng): ImageF32 {
    const frame = this.prepare(this.frames[((index % this.length) + this.length) % this.length], width, height);
    const { top, left } = sampleCrop(rng, frame, width, height);
    return crop(frame, top, left, width, height);
  }

  clip(index: number, frames: number, width: number, height: number, rng: Rng): ClipF32 {
    if (!Number.isInteger(frames) || frames < 1) throw new MixingArgumentError('frames', `must be an integer >= 1, got ${frames}`);
    if (frames > this.length) {
      throw new MixingVideoError(this.file, `${this.file}: a clip of ${frames} frames needs a longer video (${this.length} frames loaded); load more frames or ask for fewer.`);
    }
    const start = Math.min(((index % this.length) + this.length) % this.length, this.length - frames);
    const size = width * height * 3;
    const data = new Float32Array(frames * size);
    let window: { top: number; left: number } | undefined;
    for (let t = 0; t < frames; t++) {
      const frame = this.prepare(this.frames[start + t], width, height);
      window ??= sampleCrop(rng, frame, width, height);
      data.set(crop(frame, window.top, window.left, width, height).data, t * size);
    }
    return { frames, width, height, channels: 3, data };
  }
}

/**
 * Decodes up to `maxFrames` frames of `file` (video-io's ffmpeg decode) into memory and
 * returns a synchronous clip source over them. Bad files raise video-io's typed
 * MediaFileError (missing, not a video, corrupt, zero frames).
 */
export async function loadVideoFrames(file: string, options: VideoFramesOptions = {}): Promise<VideoFramesSource> {
  const { size, fps, start = 0, maxFrames = 2048, upscale = false } = options;
  if (size !== undefined && !(Number.isInteger(size) && size >= 1)) throw new MixingArgumentError('size', `must be an integer >= 1, got ${size}`);
  if (!Number.isInteger(maxFrames) || maxFrames < 1) throw new MixingArgumentError('maxFrames', `must be an integer >= 1, got ${maxFrames}`);
  const info = await probe(file);
  if (size !== undefined && !upscale && Math.min(info.width, info.height) < size) {
    throw new MixingPictureTooSmallError(file, info, size, 0, 'or load with upscale: true');
  }
  const frames: ImageU8[] = [];
  const decodeSize = size === undefined ? undefined : { shortSide: resizeTarget(size, size) };
  for await (const frame of decodeFrames(file, { size: decodeSize, fps, start, maxFrames, info })) {
    frames.push({ width: frame.width, height: frame.height, channels: 3, data: frame.data });
  }
  if (frames.length === 0) throw new MixingVideoError(file, `${file}: no frames decoded from frame ${start}; check the file and the start frame.`);
  return new VideoFramesSource(file, frames, upscale);
}
