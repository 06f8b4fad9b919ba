import type { ImageU8 } from '@vpixmix/augment-core';
import { CorruptMediaError, VideoIoArgumentError, VideoTooShortError } from '../errors';
import { decodeArgs, listPlan, rangePlan, type SourcePlan } from './decode-plan';
import { INTERPOLATIONS, resolveFrameSize, type FrameSize, type Interpolation } from './frame-size';
import { Resampling, toRate } from './frame-rate';
import { probe, type VideoInfo } from './probe';
import { rawFrames } from './raw-frames';

/** A decoded frame: an RGB uint8 image plus its index at the output frame rate. */
export type VideoFrame = ImageU8 & { readonly index: number };

export interface FrameOptions {
  /** Output size (ffmpeg's scaler with `interpolation`). Default: the video's own. */
  size?: FrameSize;
  /**
   * Output frame rate. Default: the video's own. Conversion is by index, as torchvision's VideoClips:
   * output frame k is source frame floor(k * fps_src / fps), N source frames give floor(N * fps / fps_src).
   */
  fps?: number | string;
  /** Scaler: 'bilinear' (default; PyAV's to_ndarray default), 'bicubic', 'area', 'neighbor', 'lanczos'. */
  interpolation?: Interpolation;
  /** Input-side seek to the first needed frame (default true); false decodes from frame 0 and drops. */
  seek?: boolean;
  /**
   * Any error ffprobe/ffmpeg reports, or fewer frames than the probe counted, is a CorruptMediaError
   * (default true). false decodes what it can.
   */
  strict?: boolean;
  /** ffmpeg decoder threads (default: ffmpeg's choice). 1 suits many parallel decodes. */
  threads?: number;
  /** A probe of this file already made (saves one ffprobe run). */
  info?: VideoInfo;
}

export interface DecodeOptions extends FrameOptions {
  /** First output frame (index at the output rate). Default 0. */
  start?: number;
  /** At most this many frames. Default: to the end. */
  maxFrames?: number;
}

/** A probed video and the options resolved against it. */
export interface PreparedVideo {
  info: VideoInfo;
  width: number;
  height: number;
  resampling: Resampling;
  /** Frames at the output rate. */
  total: number;
  interpolation: Interpolation;
  strict: boolean;
  seek: boolean;
  threads?: number;
}

export async function prepareVideo(file: string, options: FrameOptions): Promise<PreparedVideo> {
  const interpolation = options.interpolation ?? 'bilinear';
  if (!INTERPOLATIONS.includes(interpolation)) {
    throw new VideoIoArgumentError('interpolation', `must be one of ${INTERPOLATIONS.join(', ')}, got '${interpolation}'`);
  }
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 0)) {
    throw new VideoIoArgumentError('threads', `must be an integer >= 0 (0: ffmpeg decides), got ${options.threads}`);
  }
  const target = options.fps === undefined ? undefined : toRate(options.fps);
  const strict = options.strict ?? true;
  const info = options.info ?? (await probe(file, { strict }));
  const { width, height } = resolveFrameSize(options.size, info);
  const resampling = new Resampling(info.frameRate, target);
  return {
    info,
    width,
    height,
    resampling,
    total: resampling.outputCount(info.frameCount),
    interpolation,
    strict,
    seek: options.seek ?? true,
    threads: options.threads,
  };
}

function checkIndex(argument: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new VideoIoArgumentError(argument, `must be an integer >= ${min}, got ${value}`);
}

/** `decodeFrames` straight from ffmpeg (no cache). */
export async function* decodeFromFile(file: string, options: DecodeOptions = {}): AsyncGenerator<VideoFrame, void, undefined> {
  const start = options.start ?? 0;
  checkIndex('start', start, 0);
  if (options.maxFrames !== undefined) checkIndex('maxFrames', options.maxFrames, 1);
  const video = await prepareVideo(file, options);
  if (start >= video.total) throw new VideoTooShortError(file, start + 1, video.total);
  const end = Math.min(video.total, start + (options.maxFrames ?? Infinity));
  const targets = { [Symbol.iterator]: function* () { for (let k = start; k < end; k++) yield k; } };
  yield* emitFrames(video, rangePlan(video.resampling, start, end), targets);
}

/** The frames at output indices `targets` (ascending, repeats allowed), decoded in one ffmpeg run. */
export function decodeSelectedFrames(video: PreparedVideo, targets: readonly number[]): AsyncGenerator<VideoFrame, void, undefined> {
  return emitFrames(video, listPlan(video.resampling, targets), targets);
}

async function* emitFrames(video: PreparedVideo, plan: SourcePlan, targets: Iterable<number>): AsyncGenerator<VideoFrame, void, undefined> {
  const { info, width, height, resampling } = video;
  const args = decodeArgs({ info, plan, width, height, interpolation: video.interpolation, seek: video.seek, threads: video.threads });
  const raw = rawFrames({ file: info.file, args, frameBytes: width * height * 3, strict: video.strict });
  let written = -1;
  let current: Uint8Array = new Uint8Array(0);
  let currentSource = -1;
  let handedOut = false;
  try {
    for (const k of targets) {
      const needed = resampling.sourceIndex(k);
      while (currentSource < needed) {
        const next = await raw.next();
        if (next.done) {
          if (!video.strict) return;
          throw new CorruptMediaError(
            info.file,
            `ffmpeg delivered no frame ${needed} (${written + 1} of ${plan.count} frames from frame ${plan.first}); ` +
              `the probe counted ${info.frameCount}`,
          );
        }
        written++;
        current = next.value;
        currentSource = plan.sourceOf(written);
        handedOut = false;
      }
      // A source frame serving several output frames (a higher output rate) is copied after its first use.
      const data = handedOut ? current.slice() : current;
      handedOut = true;
      yield { width, height, channels: 3, data, index: k };
    }
    // ffmpeg stops by itself after -frames:v; pulling once more checks its exit status and stderr.
    if (written + 1 === plan.count) await raw.next();
  } finally {
    await raw.return();
  }
}
