import { createClip } from '@vpixmix/augment-core';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoIoArgumentError } from '../errors';
import { collect, sameBytes, tempDir } from '../testing/fixtures';
import { encodeClip } from './encode-clip';
import { probe } from './probe';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('encode');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A moving smooth gradient (few colours per frame, so GIF and H.264 keep it well). */
function movingGradient(frames: number, width: number, height: number, float = false) {
  const n = frames * width * height * 3;
  const data = float ? new Float32Array(n) : new Uint8Array(n);
  for (let t = 0; t < frames; t++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = ((t * height + y) * width + x) * 3;
        const v = [(x + t) / (width + frames), y / height, 0.5];
        for (let c = 0; c < 3; c++) data[i + c] = float ? v[c] : Math.round(v[c] * 255);
      }
    }
  }
  return createClip(frames, width, height, data);
}

describe('encodeClip', () => {
  it('writes a GIF ffmpeg reads back frame for frame (exact when the clip has at most 256 colours)', async () => {
    const data = new Uint8Array(4 * 8 * 6 * 3);
    for (let i = 0; i < data.length; i += 3) data.set([(i * 7) % 200, 40, (i >> 3) % 2 ? 250 : 10], i);
    const clip = createClip(4, 8, 6, data);
    const file = path.join(dir, 'preview.gif');
    await encodeClip(clip, file, { fps: 25 });
    const info = await probe(file);
    expect([info.width, info.height, info.frameCount]).toEqual([8, 6, 4]);
    expect(info.fps).toBeCloseTo(25, 5);
    const frames = await collect(file);
    frames.forEach((frame, t) => expect(sameBytes(frame.data, clip.data.subarray(t * 144, (t + 1) * 144))).toBe(true));
  });

  it('writes an H.264 mp4 (float clip, odd size padded to even) close to the clip', async () => {
    const clip = movingGradient(6, 33, 25, true);
    const file = path.join(dir, 'preview.mp4');
    await encodeClip(clip, file, { fps: 12 });
    const info = await probe(file);
    expect(info).toMatchObject({ codec: 'h264', width: 34, height: 26, frameCount: 6, fps: 12 });
    const frames = await collect(file);
    let squared = 0;
    let count = 0;
    frames.forEach((frame, t) => {
      for (let y = 0; y < 25; y++) {
        for (let x = 0; x < 33; x++) {
          for (let c = 0; c < 3; c++) {
            const want = Math.round(clip.data[((t * 25 + y) * 33 + x) * 3 + c] * 255);
            squared += (frame.data[(y * 34 + x) * 3 + c] - want) ** 2;
            count++;
          }
        }
      }
    });
    const psnr = 10 * Math.log10(255 ** 2 / (squared / count));
    expect(psnr).toBeGreaterThan(33);
  });

  it('refuses unknown extensions and leaves no file behind on failure', async () => {
    const clip = movingGradient(2, 8, 8);
    await expect(encodeClip(clip, path.join(dir, 'x.bmp'))).rejects.toThrow(VideoIoArgumentError);
    await expect(encodeClip(clip, path.join(dir, 'x.mp4'), { fps: 0 })).rejects.toThrow(VideoIoArgumentError);
    await expect(encodeClip(clip, path.join(dir, 'x.mp4'), { crf: 99 })).rejects.toThrow(VideoIoArgumentError);
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = '/bin/false'; // runs, always fails
    try {
      await expect(encodeClip(clip, path.join(dir, 'y.mp4'))).rejects.toMatchObject({ name: 'FfmpegFailedError', file: path.join(dir, 'y.mp4') });
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
    expect((await fs.readdir(dir)).filter((n) => n.startsWith('.') || n.startsWith('y'))).toEqual([]);
  });
});
