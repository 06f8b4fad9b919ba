import * as path from 'node:path';
import { CorruptMediaError, NotAVideoError, VideoIoArgumentError, ZeroFramesError } from '../errors';
import { classifyFailure, looksLikeVideoContainer, readHead, statInput } from '../ffmpeg/classify';
import { runTool } from '../ffmpeg/run-tool';
import { parseRate, rateValue, type FrameRate } from './frame-rate';

export interface VideoInfo {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  /** Frames per second (avg_frame_rate, else r_frame_rate). */
  readonly fps: number;
  readonly frameRate: FrameRate;
  /** Frames in the first video stream, counted as `ProbeOptions.count` says. */
  readonly frameCount: number;
  /** Seconds. */
  readonly duration: number;
  /** ffprobe's codec_name ("h264", "ffv1"). */
  readonly codec: string;
  /** ffprobe's format_name ("mov,mp4,m4a,3gp,3g2,mj2"). */
  readonly container: string;
  /** Where the video stream starts relative to the file's start, seconds (input-side seeks add it). */
  readonly streamOffset: number;
  /** File size and modification time when probed (the decoded-clip cache keys on them). */
  readonly fileSize: number;
  readonly mtimeMs: number;
}

export interface ProbeOptions {
  /**
   * How frames are counted: 'packets' (default; ffprobe -count_packets, demuxes the file without
   * decoding), 'header' (the container's nb_frames, else duration x fps; instant, can be wrong),
   * 'decode' (ffprobe -count_frames; exact, as slow as a full decode).
   */
  count?: 'packets' | 'header' | 'decode';
  /**
   * Treat any error ffprobe reports while reading the file (e.g. "partial file") as corruption.
   * Default true: a truncated video is a CorruptMediaError here, not a short clip later.
   */
  strict?: boolean;
  /** Run ffprobe even when this file (same path, size and mtime) was probed before in this process. */
  fresh?: boolean;
}

/** Earlier probes of unchanged files (path, size, mtime, options): epochs re-read the same videos. */
const remembered = new Map<string, VideoInfo>();
const REMEMBER_AT_MOST = 8192;

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  nb_read_frames?: string;
  duration?: string;
  start_time?: string;
  disposition?: { attached_pic?: number };
}

interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

/** Duration, fps, size, frame count and codec of the first video stream, with typed errors for bad files. */
export async function probe(file: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  const count = options.count ?? 'packets';
  if (!['packets', 'header', 'decode'].includes(count)) {
    throw new VideoIoArgumentError('count', `must be 'packets', 'header' or 'decode', got '${count}'`);
  }
  const { size, mtimeMs } = await statInput(file);
  if (size === 0) throw new CorruptMediaError(file, 'is empty (0 bytes)');
  const key = JSON.stringify([path.resolve(file), size, mtimeMs, count, options.strict !== false]);
  const known = options.fresh ? undefined : remembered.get(key);
  if (known) return { ...known, file };
  const info = await runProbe(file, count, options.strict !== false, size, mtimeMs);
  if (remembered.size >= REMEMBER_AT_MOST) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, info);
  return info;
}

async function runProbe(file: string, count: 'packets' | 'header' | 'decode', strict: boolean, size: number, mtimeMs: number): Promise<VideoInfo> {

  const args = ['-v', 'error', '-of', 'json'];
  if (count === 'packets') args.push('-count_packets');
  if (count === 'decode') args.push('-count_frames');
  args.push(
    '-show_entries',
    'stream=codec_type,codec_name,width,height,r_frame_rate,avg_frame_rate,nb_frames,nb_read_packets,nb_read_frames,duration,start_time' +
      ':stream_disposition=attached_pic:format=format_name,duration,start_time',
    '-i',
    file,
  );
  const result = await runTool('ffprobe', args);
  if (result.code !== 0) throw await classifyFailure(file, result.stderr, 'ffprobe cannot open it');
  let json: ProbeJson;
  try {
    json = JSON.parse(result.stdout.toString('utf8')) as ProbeJson;
  } catch {
    throw new CorruptMediaError(file, 'ffprobe printed no readable description', result.stderr);
  }

  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) {
    if (streams.length === 0 && looksLikeVideoContainer(await readHead(file))) {
      throw new ZeroFramesError(file, 'the video container holds no streams (no frames)', result.stderr);
    }
    const kinds = streams.map((s) => s.codec_type ?? 'unknown').join(', ');
    throw new NotAVideoError(file, `has no video stream${kinds ? ` (streams: ${kinds})` : ''}`, result.stderr);
  }
  if (strict && result.stderr) {
    throw new CorruptMediaError(file, 'ffprobe reported errors while reading it', result.stderr);
  }

  const frameRate = usableRate(video.avg_frame_rate) ?? usableRate(video.r_frame_rate);
  if (!frameRate) throw new CorruptMediaError(file, `the video stream has no frame rate (avg ${video.avg_frame_rate}, r ${video.r_frame_rate})`);
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width <= 0 || height <= 0) throw new CorruptMediaError(file, `the video stream has no frame size (${width}x${height})`, result.stderr);
  const duration = firstNumber(video.duration, json.format?.duration) ?? 0;
  const fps = rateValue(frameRate);
  const frameCount =
    count === 'packets'
      ? (firstNumber(video.nb_read_packets) ?? 0)
      : count === 'decode'
        ? (firstNumber(video.nb_read_frames) ?? 0)
        : (firstNumber(video.nb_frames) ?? Math.round(duration * fps));
  if (frameCount === 0) throw new ZeroFramesError(file, 'the video stream holds no frames', result.stderr);

  const streamStart = firstNumber(video.start_time) ?? 0;
  const fileStart = firstNumber(json.format?.start_time) ?? streamStart;
  return {
    file,
    width,
    height,
    fps,
    frameRate,
    frameCount,
    duration,
    codec: video.codec_name ?? 'unknown',
    container: json.format?.format_name ?? 'unknown',
    streamOffset: Math.max(0, streamStart - fileStart),
    fileSize: size,
    mtimeMs,
  };
}

function usableRate(text: string | undefined): FrameRate | undefined {
  const r = parseRate(text);
  return r && rateValue(r) <= 1000 ? r : undefined;
}

function firstNumber(...texts: (string | undefined)[]): number | undefined {
  for (const text of texts) {
    if (text === undefined || text === 'N/A') continue;
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}
