import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { clipFrame, Rng } from '@vpixmix/augment-core';
import { FileMissingError, writeTestVideo } from '@vpixmix/video-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MixingPictureTooSmallError, MixingVideoError } from '../errors';
import { meanAbsoluteDifference } from '../quality';
import { loadVideoFrames } from './video-frames-source';

let dir: string;
let video: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mixing-video-'));
  video = path.join(dir, 'mandelbrot.mkv');
  await writeTestVideo(video, { source: 'mandelbrot', width: 64, height: 48, fps: 10, frames: 12 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadVideoFrames', () => {
  it('holds the frames in memory and serves pictures and clips with one crop for the whole clip', async () => {
    const source = await loadVideoFrames(video, { size: 32 });
    expect(source.length).toBe(12);
    const picture = source.picture(3, 32, 32, Rng.seeded(1));
    expect([picture.width, picture.height]).toEqual([32, 32]);
    const clip = source.clip(2, 5, 32, 32, Rng.seeded(1));
    expect(clip.frames).toBe(5);
    // Frame t of a clip from 2 is picture 2 + t under the same crop draw.
    for (let t = 0; t < 5; t++) expect(clipFrame(clip, t).data).toEqual(source.picture(2 + t, 32, 32, Rng.seeded(1)).data);
    // A clip that would run past the end moves back to fit; the video moves between frames.
    const last = source.clip(10, 4, 32, 32, Rng.seeded(2));
    expect(clipFrame(last, 3).data).toEqual(source.picture(11, 32, 32, Rng.seeded(2)).data);
    expect(meanAbsoluteDifference(clipFrame(clip, 0), clipFrame(clip, 4))).toBeGreaterThan(0);
  });

  it('gives typed errors: missing file, frames smaller than the crop, clip longer than the video', async () => {
    await expect(loadVideoFrames(path.join(dir, 'missing.mp4'))).rejects.toThrow(FileMissingError);
    await expect(loadVideoFrames(video, { size: 64 })).rejects.toThrow(MixingPictureTooSmallError);
    const native = await loadVideoFrames(video, { maxFrames: 4 });
    expect(native.length).toBe(4);
    expect(() => native.clip(0, 5, 32, 32, Rng.seeded(0))).toThrow(MixingVideoError);
    expect(() => native.picture(0, 64, 64, Rng.seeded(0))).toThrow(/upscale: true/);
    const upscaled = await loadVideoFrames(video, { maxFrames: 2, upscale: true });
    expect(upscaled.picture(0, 64, 64, Rng.seeded(0)).width).toBe(64);
  });
});
