import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, tempDir } from '../testing/fixtures';
import { probe } from './probe';
import { writeTestVideo } from './test-video';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('probe');
  await writeTestVideo(path.join(dir, 'a.mp4'), { frames: 50, width: 64, height: 48, fps: 25 });
  await writeTestVideo(path.join(dir, 'a.mkv'), { frames: 30, width: 40, height: 30, fps: 15, source: 'mandelbrot' });
  await writeTestVideo(path.join(dir, 'a.avi'), { frames: 20, width: 48, height: 32, fps: 10, source: 'testsrc2' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('probe', () => {
  it('reads size, rate, frame count, duration and codec of an h264 mp4', async () => {
    const info = await probe(path.join(dir, 'a.mp4'));
    expect(info).toMatchObject({ width: 64, height: 48, fps: 25, frameRate: { num: 25, den: 1 }, frameCount: 50, codec: 'h264' });
    expect(info.duration).toBeCloseTo(2, 2);
    expect(info.container).toContain('mp4');
  });

  it.each([
    ['a.mp4', 64, 48, 50],
    ['a.mkv', 40, 30, 30],
    ['a.avi', 48, 32, 20],
  ])('decoded frame count and size of %s match the probe', async (name, width, height, frames) => {
    const file = path.join(dir, name);
    const info = await probe(file);
    expect([info.width, info.height, info.frameCount]).toEqual([width, height, frames]);
    const decoded = await collect(file);
    expect(decoded.length).toBe(info.frameCount);
    for (const frame of decoded) expect([frame.width, frame.height, frame.data.length]).toEqual([width, height, width * height * 3]);
    expect(decoded.map((f) => f.index)).toEqual([...Array(frames).keys()]);
  });

  it('counts frames the same by packets, header and full decode on healthy files', async () => {
    for (const name of ['a.mp4', 'a.mkv']) {
      const file = path.join(dir, name);
      const counts = await Promise.all((['packets', 'header', 'decode'] as const).map(async (count) => (await probe(file, { count })).frameCount));
      expect(new Set(counts).size).toBe(1);
    }
  });
});
