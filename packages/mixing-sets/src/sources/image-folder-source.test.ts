import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Rng, type ImageU8 } from '@vpixmix/augment-core';
import { encodePng } from '@vpixmix/video-io';
import * as jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MixingArgumentError, MixingFolderError, MixingPictureTooSmallError } from '../errors';
import { referencePreprocess } from '../preprocess/reference-preprocess';
import { loadImageFolder, type SkippedFile } from './image-folder-source';

function picture(width: number, height: number, seed: number): ImageU8 {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 97 + ((i / 3) | 0) * 7) % 256;
  return { width, height, channels: 3, data };
}

function jpegBytes(image: ImageU8): Uint8Array {
  const rgba = Buffer.alloc(image.width * image.height * 4, 255);
  for (let p = 0; p < image.width * image.height; p++) rgba.set(image.data.subarray(p * 3, p * 3 + 3), p * 4);
  return jpeg.encode({ width: image.width, height: image.height, data: rgba }, 90).data;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mixing-folder-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return file;
}

describe('loadImageFolder', () => {
  it('reads PNG and JPEG pictures in subfolders, sorted, and leaves other files alone', async () => {
    await write('fractals/b.png', encodePng(picture(50, 40, 1)));
    await write('fractals/a.PNG', encodePng(picture(40, 60, 2)));
    await write('fvis/c.jpg', jpegBytes(picture(48, 48, 3)));
    await write('README.txt', 'not a picture');
    const source = await loadImageFolder(dir);
    expect(source.files.map((f) => path.relative(dir, f))).toEqual(['fractals/a.PNG', 'fractals/b.png', 'fvis/c.jpg']);
    expect(source.length).toBe(3);
    expect(source.ignored.map((f) => path.basename(f))).toEqual(['README.txt']);
    expect(source.skipped).toEqual([]);
    const out = source.picture(1, 32, 32, Rng.seeded(1));
    expect([out.width, out.height, out.data.length]).toEqual([32, 32, 32 * 32 * 3]);
    // The reference preprocessing of the decoded picture, with the same draws.
    expect(out.data).toEqual(referencePreprocess(picture(50, 40, 1), 32, 32, Rng.seeded(1)).data);
    expect(source.picture(4, 32, 32, Rng.seeded(1)).data).toEqual(out.data);
  });

  it('resizes at load when told the size, with the same result as resizing later', async () => {
    await write('a.png', encodePng(picture(100, 75, 4)));
    await write('b.png', encodePng(picture(64, 64, 5)));
    const early = await loadImageFolder(dir, { size: 32 });
    const late = await loadImageFolder(dir);
    expect(early.stored(0).height).toBe(36);
    for (let i = 0; i < 2; i++) expect(early.picture(i, 32, 32, Rng.seeded(i)).data).toEqual(late.picture(i, 32, 32, Rng.seeded(i)).data);
  });

  it('skips and reports a picture that cannot be decoded, and counts it', async () => {
    await write('good.png', encodePng(picture(40, 40, 6)));
    await write('broken.png', encodePng(picture(40, 40, 7)).subarray(0, 60));
    await write('fake.jpg', 'hello, I am text');
    const reported: SkippedFile[] = [];
    const source = await loadImageFolder(dir, { onSkip: (s) => reported.push(s) });
    expect(source.length).toBe(1);
    expect(source.skipped.map((s) => path.basename(s.file))).toEqual(['broken.png', 'fake.jpg']);
    expect(reported).toHaveLength(2);
    expect(source.skipped[0].reason).toMatch(/broken\.png/);
  });

  it('gives typed errors for a missing, empty, picture-less or unreadable folder', async () => {
    await expect(loadImageFolder(path.join(dir, 'nope'))).rejects.toThrow(MixingFolderError);
    await expect(loadImageFolder(path.join(dir, 'nope'))).rejects.toThrow(/no such folder/);
    await expect(loadImageFolder(dir)).rejects.toThrow(/has no PNG or JPEG pictures .* it is empty/);
    await write('notes.txt', 'x');
    await expect(loadImageFolder(dir)).rejects.toThrow(/it holds 1 other file\(s\): notes.txt/);
    await write('bad.png', 'not a png');
    await expect(loadImageFolder(dir)).rejects.toThrow(/none of its 1 picture file\(s\) could be read/);
    const file = await write('single.png', encodePng(picture(40, 40, 1)));
    await expect(loadImageFolder(file)).rejects.toThrow(/is a file, not a folder/);
  });

  it('refuses pictures smaller than the crop unless told to skip or upscale them', async () => {
    await write('big.png', encodePng(picture(64, 64, 1)));
    await write('small.png', encodePng(picture(20, 40, 2)));
    await write('tiny.png', encodePng(picture(8, 8, 3)));
    const error = await loadImageFolder(dir, { size: 32 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MixingPictureTooSmallError);
    expect((error as Error).message).toMatch(/small\.png is 20x40, smaller than the 32px .* \(and 1 more picture\(s\) are too\)/);
    const skipping = await loadImageFolder(dir, { size: 32, tooSmall: 'skip' });
    expect(skipping.length).toBe(1);
    expect(skipping.skipped).toHaveLength(2);
    const upscaling = await loadImageFolder(dir, { size: 32, tooSmall: 'upscale' });
    expect(upscaling.picture(2, 32, 32, Rng.seeded(0)).width).toBe(32);
    const lazy = await loadImageFolder(dir);
    expect(() => lazy.picture(1, 32, 32, Rng.seeded(0))).toThrow(MixingPictureTooSmallError);
    await expect(loadImageFolder(dir, { tooSmall: 'skip' })).rejects.toThrow(MixingArgumentError);
  });
});
