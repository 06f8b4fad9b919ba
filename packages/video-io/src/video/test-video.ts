import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { FfmpegFailedError, VideoIoArgumentError } from '../errors';
import { runTool } from '../ffmpeg/run-tool';

export interface TestVideoOptions {
  /** ffmpeg's lavfi source: 'testsrc' (default; counter and colour bars), 'testsrc2', 'mandelbrot', 'rgbtestsrc'. */
  source?: 'testsrc' | 'testsrc2' | 'mandelbrot' | 'rgbtestsrc';
  width?: number;
  height?: number;
  fps?: number;
  frames: number;
  /** Default by extension: .mkv/.nut -> ffv1 (lossless), .avi -> mpeg4, else h264 (libx264, yuv420p). */
  codec?: 'h264' | 'ffv1' | 'mpeg4';
  /** Keyframe interval (-g). Default: the encoder's (250 for libx264, 12 for mpeg4). */
  keyframeInterval?: number;
  /** Target bitrate ("700k") instead of the codec's quality default; ffv1 ignores it. */
  bitrate?: string;
}

/**
 * Writes a real video made by ffmpeg from a lavfi test source, for tests, benchmarks and examples
 * (no data set needed). Parent folders are created.
 */
export async function writeTestVideo(file: string, options: TestVideoOptions): Promise<void> {
  const { source = 'testsrc', width = 64, height = 48, fps = 25, frames } = options;
  if (!Number.isInteger(frames) || frames < 1) throw new VideoIoArgumentError('frames', `must be an integer >= 1, got ${frames}`);
  const ext = path.extname(file).toLowerCase();
  const codec = options.codec ?? (ext === '.mkv' || ext === '.nut' ? 'ffv1' : ext === '.avi' ? 'mpeg4' : 'h264');
  const quality = options.bitrate ? ['-b:v', options.bitrate] : codec === 'mpeg4' ? ['-q:v', '3'] : [];
  const codecArgs =
    codec === 'ffv1'
      ? ['-c:v', 'ffv1']
      : codec === 'mpeg4'
        ? ['-c:v', 'mpeg4', ...quality]
        : ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', ...quality];
  if (options.keyframeInterval !== undefined) codecArgs.push('-g', String(options.keyframeInterval));
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const lavfi = `${source}=size=${width}x${height}:rate=${fps}`;
  const result = await runTool('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', lavfi, '-frames:v', String(frames), ...codecArgs, file]);
  if (result.code !== 0) throw new FfmpegFailedError(file, `ffmpeg could not write the test video (${lavfi}, ${codec})`, result.stderr);
}
