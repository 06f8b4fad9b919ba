import { createClip, Rng } from '@vpixmix/augment-core';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcesses, collect, sameBytes, tempDir } from '../testing/fixtures';
import { decodeFrames } from './decode';
import { encodeClip } from './encode-clip';
import { probe } from './probe';
import { writeTestVideo } from './test-video';

let dir: string;
let mp4: string;
beforeAll(async () => {
  dir = await tempDir('decode');
  mp4 = path.join(dir, 'gop10.mp4');
  // keyframes every 10 frames, so seeks land mid-GOP and B-frames are reordered
  await writeTestVideo(mp4, { frames: 60, width: 64, height: 48, fps: 25, keyframeInterval: 10, source: 'testsrc2' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function noiseClip(frames: number, width: number, height: number, seed: number) {
  const rng = Rng.seeded(seed);
  const data = new Uint8Array(frames * width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(0, 256);
  return createClip(frames, width, height, data);
}

describe('lossless round trip', () => {
  it.each([
    ['noise.mkv', undefined],
    ['noise-x264rgb.mp4', 'h264-lossless' as const],
  ])('a random pixel pattern survives encodeClip -> %s -> decodeFrames bit for bit', async (name, codec) => {
    const clip = noiseClip(5, 33, 17, 7);
    const file = path.join(dir, name);
    await encodeClip(clip, file, { fps: 25, codec });
    const info = await probe(file);
    expect([info.width, info.height, info.frameCount]).toEqual([33, 17, 5]);
    const frames = await collect(file);
    expect(frames.length).toBe(5);
    frames.forEach((frame, t) => expect(sameBytes(frame.data, clip.data.subarray(t * 33 * 17 * 3, (t + 1) * 33 * 17 * 3))).toBe(true));
  });
});

describe('decodeFrames', () => {
  it('resizes to a square size, an exact size or a short side', async () => {
    const [square] = await collect(mp4, { size: 32, maxFrames: 1 });
    expect([square.width, square.height, square.data.length]).toEqual([32, 32, 32 * 32 * 3]);
    const [exact] = await collect(mp4, { size: { width: 20, height: 10 }, maxFrames: 1 });
    expect([exact.width, exact.height]).toEqual([20, 10]);
    const [short] = await collect(mp4, { size: { shortSide: 24 }, maxFrames: 1 });
    expect([short.width, short.height]).toEqual([32, 24]);
  });

  it('seeking to a start frame gives the same bytes as decoding from frame 0', async () => {
    const all = await collect(mp4, { size: 32 });
    for (const start of [1, 9, 10, 11, 37, 59]) {
      for (const seek of [true, false]) {
        const part = await collect(mp4, { size: 32, start, maxFrames: 4, seek });
        expect(part.map((f) => f.index)).toEqual([start, start + 1, start + 2, start + 3].filter((k) => k < 60));
        part.forEach((frame) => expect(sameBytes(frame.data, all[frame.index].data), `start ${start} seek ${seek} frame ${frame.index}`).toBe(true));
      }
    }
  });

  it('converts the frame rate by index, as torchvision: k -> floor(k * src / dst), floor(N * dst / src) frames', async () => {
    const all = await collect(mp4);
    const down = await collect(mp4, { fps: 10 });
    expect(down.length).toBe(Math.floor((60 * 10) / 25));
    down.forEach((frame, k) => expect(sameBytes(frame.data, all[Math.floor((k * 25) / 10)].data)).toBe(true));
    const downFrom = await collect(mp4, { fps: 10, start: 7, maxFrames: 5 });
    expect(downFrom.map((f) => f.index)).toEqual([7, 8, 9, 10, 11]);
    downFrom.forEach((frame) => expect(sameBytes(frame.data, all[Math.floor((frame.index * 25) / 10)].data)).toBe(true));
    const up = await collect(mp4, { fps: 50, start: 30, maxFrames: 9 });
    up.forEach((frame) => expect(sameBytes(frame.data, all[Math.floor(frame.index / 2)].data)).toBe(true));
    expect(up[0].data).not.toBe(up[1].data); // a repeated source frame is handed out as separate buffers
  });

  it('stops ffmpeg when the consumer stops early: no process, no zombie left', async () => {
    let taken = 0;
    for await (const frame of decodeFrames(mp4)) {
      expect(frame.data.length).toBe(64 * 48 * 3);
      expect(childProcesses('ffmpeg').length).toBe(1);
      if (++taken === 3) break;
    }
    expect(childProcesses('ffmpeg')).toEqual([]);
  });

  it('applies backpressure: a consumer that holds a frame keeps ffmpeg blocked, not finished', async () => {
    const long = path.join(dir, 'long.mkv');
    await writeTestVideo(long, { frames: 400, width: 64, height: 48, source: 'testsrc' });
    const frames = decodeFrames(long);
    const first = await frames.next();
    expect(first.done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 700));
    // 400 frames of 9 KB cannot fit in the pipe and stream buffers: ffmpeg must still be waiting to write
    const [ffmpeg] = childProcesses('ffmpeg');
    expect(ffmpeg?.state).toBe('S');
    await frames.return();
    expect(childProcesses('ffmpeg')).toEqual([]);
  });
});
