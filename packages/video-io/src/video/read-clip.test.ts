import { Rng } from '@vpixmix/augment-core';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoIoArgumentError, VideoTooShortError } from '../errors';
import { collect, sameBytes, tempDir } from '../testing/fixtures';
import { clipIndices, readClip } from './read-clip';
import { writeTestVideo } from './test-video';

let dir: string;
let video: string;
beforeAll(async () => {
  dir = await tempDir('clip');
  video = path.join(dir, 'v.mp4');
  await writeTestVideo(video, { frames: 75, width: 64, height: 48, fps: 25, keyframeInterval: 25, source: 'testsrc2' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('clipIndices', () => {
  it('places the clip at an index, the centre or a seeded random start', () => {
    expect(clipIndices(100, { frames: 4, stride: 2, start: 10 })).toEqual({ start: 10, indices: [10, 12, 14, 16] });
    expect(clipIndices(100, { frames: 4, stride: 2, start: 'center' }).start).toBe(Math.floor((100 - 7) / 2));
    const starts = Array.from({ length: 200 }, (_, i) => clipIndices(20, { frames: 8, start: 'random', rng: Rng.seeded(i) }).start);
    expect(Math.min(...starts)).toBe(0);
    expect(Math.max(...starts)).toBe(12);
    expect(clipIndices(20, { frames: 8, start: 'random', rng: Rng.seeded(5) })).toEqual(clipIndices(20, { frames: 8, start: 'random', rng: Rng.seeded(5) }));
  });

  it('handles a video shorter than the clip as asked', () => {
    expect(() => clipIndices(5, { frames: 4, stride: 2 }, 'v.mp4')).toThrow(VideoTooShortError);
    expect(clipIndices(5, { frames: 4, stride: 2, short: 'loop' }).indices).toEqual([0, 2, 4, 1]);
    expect(clipIndices(5, { frames: 4, stride: 2, short: 'last' }).indices).toEqual([0, 2, 4, 4]);
    expect(clipIndices(5, { frames: 4, stride: 2, start: 'center', short: 'last' }).start).toBe(0);
  });

  it('validates its arguments', () => {
    expect(() => clipIndices(10, { frames: 0 })).toThrow(VideoIoArgumentError);
    expect(() => clipIndices(10, { frames: 2, stride: 1.5 })).toThrow(VideoIoArgumentError);
    expect(() => clipIndices(10, { frames: 2, start: 'random' })).toThrow(/rng/);
  });
});

describe('readClip', () => {
  it('returns exactly the frames a full decode has at the clip indices, from the middle, strided', async () => {
    const all = await collect(video, { size: 32 });
    for (const options of [
      { frames: 8, stride: 3, start: 'center' as const },
      { frames: 4, start: 40 },
      { frames: 5, stride: 2, start: 'random' as const, rng: Rng.seeded(3) },
    ]) {
      const clip = await readClip(video, { ...options, size: 32 });
      expect([clip.frames, clip.width, clip.height, clip.channels]).toEqual([options.frames, 32, 32, 3]);
      expect(clip.data.length).toBe(options.frames * 32 * 32 * 3);
      clip.indices.forEach((k, t) => expect(sameBytes(clip.data.subarray(t * 3072, (t + 1) * 3072), all[k].data)).toBe(true));
    }
  });

  it('reports where the clip came from', async () => {
    const clip = await readClip(video, { frames: 3, stride: 5, start: 'center', size: 16 });
    expect(clip.start).toBe(Math.floor((75 - 11) / 2));
    expect(clip.indices).toEqual([clip.start, clip.start + 5, clip.start + 10]);
  });

  it('reads at a lower frame rate and loops a short video when asked', async () => {
    const at5 = await collect(video, { size: 16, fps: 5 });
    expect(at5.length).toBe(15);
    const clip = await readClip(video, { frames: 20, fps: 5, size: 16, short: 'loop' });
    expect(clip.indices).toEqual([...Array(20).keys()].map((k) => k % 15));
    clip.indices.forEach((k, t) => expect(sameBytes(clip.data.subarray(t * 768, (t + 1) * 768), at5[k].data)).toBe(true));
    await expect(readClip(video, { frames: 20, fps: 5, size: 16 })).rejects.toThrow(VideoTooShortError);
  });
});
