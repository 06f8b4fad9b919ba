import { createImage } from '@vpixmix/augment-core';
import * as jpeg from 'jpeg-js';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgbToRgba } from './pixels';
import { decodeImage, readImageFile, sniffImageFormat } from './image-file';
import { decodeJpeg } from './jpeg';
import { encodePng } from './png';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'vpixmix-img-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A smooth gradient: JPEG keeps it within a few levels. */
function gradient(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((x / (width - 1)) * 255);
      data[i + 1] = Math.round((y / (height - 1)) * 255);
      data[i + 2] = 128;
    }
  }
  return data;
}

function jpegBytes(rgb: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  return jpeg.encode({ width, height, data: Buffer.from(rgbToRgba(rgb)) }, quality).data;
}

describe('readImageFile', () => {
  it('picks the decoder by content, not by the file name', async () => {
    const rgb = gradient(24, 16);
    const asJpegNamedPng = path.join(dir, 'really-a-jpeg.png');
    await fs.writeFile(asJpegNamedPng, jpegBytes(rgb, 24, 16, 95));
    const asPngNamedJpg = path.join(dir, 'really-a-png.jpg');
    await fs.writeFile(asPngNamedJpg, encodePng(createImage(24, 16, rgb)));

    const fromJpeg = await readImageFile(asJpegNamedPng);
    expect([fromJpeg.width, fromJpeg.height, fromJpeg.data.length]).toEqual([24, 16, 24 * 16 * 3]);
    const maxDiff = Math.max(...Array.from(fromJpeg.data, (v, i) => Math.abs(v - rgb[i])));
    expect(maxDiff).toBeLessThan(12);
    const fromPng = await readImageFile(asPngNamedJpg);
    expect(Array.from(fromPng.data)).toEqual(Array.from(rgb));
  });

  it('sniffs PNG, JPEG and neither', () => {
    expect(sniffImageFormat(encodePng(createImage(1, 1, new Uint8Array(3))))).toBe('png');
    expect(sniffImageFormat(jpegBytes(new Uint8Array(12), 2, 2, 80))).toBe('jpeg');
    expect(sniffImageFormat(new TextEncoder().encode('GIF89a...'))).toBeUndefined();
  });

  it('types its errors: missing, not an image, truncated JPEG', async () => {
    await expect(readImageFile(path.join(dir, 'absent.jpg'))).rejects.toMatchObject({ name: 'FileMissingError', kind: 'missing' });
    await expect(readImageFile(dir)).rejects.toMatchObject({ name: 'FileMissingError' });
    expect(() => decodeImage(new TextEncoder().encode('not an image at all'), 'notes.txt')).toThrow(/notes\.txt.*neither PNG nor JPEG/);
    const bytes = jpegBytes(gradient(32, 32), 32, 32, 90);
    const cut = bytes.subarray(0, bytes.length - 60);
    expect(() => decodeJpeg(cut, 'cut.jpg')).toThrow(expect.objectContaining({ name: 'CorruptMediaError', file: 'cut.jpg' }));
  });
});
