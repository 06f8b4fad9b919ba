import { describe, expect, it } from 'vitest';
import { toolPath } from './binaries';
import { runTool } from './run-tool';

function withEnv(name: string, value: string | undefined, fn: () => void): void {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    fn();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

describe('ffmpeg and ffprobe binaries', () => {
  it('come from the npm installer packages by default, and run', async () => {
    withEnv('FFMPEG_PATH', undefined, () => expect(toolPath('ffmpeg')).toBe((require('@ffmpeg-installer/ffmpeg') as { path: string }).path));
    withEnv('FFPROBE_PATH', undefined, () => expect(toolPath('ffprobe')).toBe((require('@ffprobe-installer/ffprobe') as { path: string }).path));
    expect(toolPath('ffmpeg')).toContain('node_modules');
    for (const tool of ['ffmpeg', 'ffprobe'] as const) {
      const result = await runTool(tool, ['-version']);
      expect(result.code).toBe(0);
      expect(result.stdout.toString()).toContain(`${tool} version`);
    }
  });

  it('are overridden by FFMPEG_PATH / FFPROBE_PATH', () => {
    withEnv('FFMPEG_PATH', '/bin/true', () => expect(toolPath('ffmpeg')).toBe('/bin/true'));
    withEnv('FFPROBE_PATH', '/nonexistent/ffprobe', () =>
      expect(() => toolPath('ffprobe')).toThrow(expect.objectContaining({ name: 'FfmpegMissingError', file: '/nonexistent/ffprobe' })),
    );
  });
});
