import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaFileError } from '../errors';
import { runTool } from '../ffmpeg/run-tool';
import { childProcesses, collect, tempDir } from '../testing/fixtures';
import { probe } from './probe';
import { readClip } from './read-clip';
import { writeTestVideo } from './test-video';

let dir: string;
const at = (name: string) => path.join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  const result = await runTool('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args]);
  if (result.code !== 0) throw new Error(result.stderr);
}

async function truncate(from: string, to: string, fraction: number): Promise<void> {
  const bytes = await fs.readFile(at(from));
  await fs.writeFile(at(to), bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

beforeAll(async () => {
  dir = await tempDir('errors');
  await writeTestVideo(at('ok.mp4'), { frames: 50 });
  await writeTestVideo(at('ok.mkv'), { frames: 50 });
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=25', '-frames:v', '50', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', at('faststart.mp4'));
  await truncate('ok.mp4', 'cut.mp4', 0.6); // moov at the end: lost
  await truncate('faststart.mp4', 'cut-faststart.mp4', 0.5); // moov kept, media data cut
  await truncate('ok.mkv', 'cut.mkv', 0.3);
  await fs.writeFile(at('notes.mp4'), 'these are notes, not a video\n');
  await fs.writeFile(at('empty.mp4'), '');
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=25', '-frames:v', '0', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', at('zero.mp4'));
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=25', '-frames:v', '0', '-c:v', 'ffv1', at('zero.avi'));
  await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', at('tone.wav'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const cases: [string, string, string][] = [
  ['missing.mp4', 'FileMissingError', 'missing'],
  ['notes.mp4', 'NotAVideoError', 'not-a-video'],
  ['tone.wav', 'NotAVideoError', 'not-a-video'],
  ['empty.mp4', 'CorruptMediaError', 'corrupt'],
  ['cut.mp4', 'CorruptMediaError', 'corrupt'],
  ['cut-faststart.mp4', 'CorruptMediaError', 'corrupt'],
  ['cut.mkv', 'CorruptMediaError', 'corrupt'],
  ['zero.mp4', 'ZeroFramesError', 'zero-frames'],
  ['zero.avi', 'ZeroFramesError', 'zero-frames'],
];

describe('typed errors a dataset reader can catch, skip and count', () => {
  it.each(cases)('%s -> %s from probe, decodeFrames and readClip', { timeout: 20_000 }, async (name, errorName, kind) => {
    const file = at(name);
    for (const attempt of [() => probe(file), () => collect(file, { size: 16 }), () => readClip(file, { frames: 4, start: 'center' })]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MediaFileError);
      expect(error).toMatchObject({ name: errorName, kind, file });
      expect((error as Error).message).toContain(file);
    }
    expect(childProcesses('ffmpeg')).toEqual([]);
  });

  it("carries ffmpeg's own message", async () => {
    const error = (await probe(at('cut-faststart.mp4')).catch((e: unknown) => e)) as MediaFileError;
    expect(error.toolMessage).toMatch(/partial file|Invalid NAL|Invalid data/);
    expect(error.message).toContain(error.toolMessage.split('\n')[0].trim());
  });

  it('strict: false reads what a truncated Matroska file still holds', async () => {
    const info = await probe(at('cut.mkv'), { strict: false });
    const frames = await collect(at('cut.mkv'), { strict: false });
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(50);
    expect(frames.length).toBeLessThanOrEqual(info.frameCount);
  });

  it('a missing or broken ffmpeg is an FfmpegMissingError naming the path and FFMPEG_PATH', async () => {
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = at('no-such-ffmpeg');
    try {
      await expect(collect(at('ok.mp4'))).rejects.toMatchObject({ name: 'FfmpegMissingError', kind: 'ffmpeg-missing', file: at('no-such-ffmpeg') });
      await expect(collect(at('ok.mp4'))).rejects.toThrow(/FFMPEG_PATH/);
      process.env.FFMPEG_PATH = at('notes.mp4'); // exists, not executable
      await expect(collect(at('ok.mp4'))).rejects.toMatchObject({ name: 'FfmpegMissingError' });
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
    expect((await collect(at('ok.mp4'), { maxFrames: 2 })).length).toBe(2);
  });
});
