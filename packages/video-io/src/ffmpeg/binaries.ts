import { accessSync, constants } from 'node:fs';
import { FfmpegMissingError } from '../errors';

export type ToolName = 'ffmpeg' | 'ffprobe';

const installers: Record<ToolName, { env: string; pkg: string }> = {
  ffmpeg: { env: 'FFMPEG_PATH', pkg: '@ffmpeg-installer/ffmpeg' },
  ffprobe: { env: 'FFPROBE_PATH', pkg: '@ffprobe-installer/ffprobe' },
};

const checked = new Set<string>();

/**
 * The binary to run: `FFMPEG_PATH` / `FFPROBE_PATH` when set, else the one the npm installer package
 * ships for this platform. Throws `FfmpegMissingError` when it is absent or not executable.
 */
export function toolPath(tool: ToolName): string {
  const { env, pkg } = installers[tool];
  const fromEnv = process.env[env];
  let binary: string;
  if (fromEnv) {
    binary = fromEnv;
  } else {
    try {
      binary = (require(pkg) as { path: string }).path;
    } catch (error) {
      throw new FfmpegMissingError(pkg, env, `${pkg} has no ${tool} binary for ${process.platform}-${process.arch} (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (!checked.has(binary)) {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      throw new FfmpegMissingError(binary, env, `${tool} is not an executable file here${fromEnv ? ` (from ${env})` : ''}`);
    }
    checked.add(binary);
  }
  return binary;
}

export const ffmpegPath = (): string => toolPath('ffmpeg');
export const ffprobePath = (): string => toolPath('ffprobe');
