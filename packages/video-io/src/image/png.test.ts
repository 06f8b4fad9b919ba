import { createImage } from '@vpixmix/augment-core';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptMediaError, FileMissingError, NotAnImageError } from '../errors';
import { decodePng, encodePng, readPng, writePng } from './png';
import { rawPng } from './png-test-files';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'vpixmix-png-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function pattern(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 5)) & 255;
  return data;
}

describe('writePng / readPng', () => {
  it('round-trips uint8 RGB exactly through a file', async () => {
    const image = createImage(7, 5, pattern(7, 5));
    const file = path.join(dir, 'nested', 'a.png');
    await writePng(file, image);
    const back = await readPng(file);
    expect(back.width).toBe(7);
    expect(back.height).toBe(5);
    expect(back.channels).toBe(3);
    expect(Array.from(back.data)).toEqual(Array.from(image.data));
    expect((await fs.readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes float images clipped and rounded to bytes', () => {
    const image = createImage(2, 1, new Float32Array([0, 0.5, 1, -0.2, 1.3, 0.25]));
    const back = decodePng(encodePng(image));
    expect(Array.from(back.data)).toEqual([0, 128, 255, 0, 255, 64]);
  });

  it('enlarges by an integer scale with nearest neighbour', () => {
    const image = createImage(2, 1, new Uint8Array([10, 20, 30, 40, 50, 60]));
    const back = decodePng(encodePng(image, { scale: 2 }));
    expect([back.width, back.height]).toEqual([4, 2]);
    expect(Array.from(back.data.subarray(0, 12))).toEqual([10, 20, 30, 10, 20, 30, 40, 50, 60, 40, 50, 60]);
    expect(Array.from(back.data.subarray(12))).toEqual(Array.from(back.data.subarray(0, 12)));
  });

  it('writes 8-bit RGB PNGs (colour type 2)', () => {
    const bytes = encodePng(createImage(3, 3, pattern(3, 3)));
    expect(bytes[24]).toBe(8);
    expect(bytes[25]).toBe(2);
  });
});

describe('decodePng conversion rule', () => {
  it('drops alpha of RGBA (as Pillow convert("RGB")), or composites over a background', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from([200, 100, 50, 255, 200, 100, 50, 0]);
    const bytes = PNG.sync.write(png, { colorType: 6 });
    expect(Array.from(decodePng(bytes).data)).toEqual([200, 100, 50, 200, 100, 50]);
    expect(Array.from(decodePng(bytes, 'x', { background: [255, 255, 255] }).data)).toEqual([200, 100, 50, 255, 255, 255]);
  });

  it('replicates 8-bit grey and grey+alpha to R = G = B', () => {
    const grey = rawPng({ width: 3, height: 1, depth: 8, colorType: 0, rows: [new Uint8Array([0, 77, 255])] });
    expect(Array.from(decodePng(grey).data)).toEqual([0, 0, 0, 77, 77, 77, 255, 255, 255]);
    const greyAlpha = rawPng({ width: 2, height: 1, depth: 8, colorType: 4, rows: [new Uint8Array([90, 0, 30, 255])] });
    expect(Array.from(decodePng(greyAlpha).data)).toEqual([90, 90, 90, 30, 30, 30]);
  });

  it('scales 1-bit and 4-bit grey and 16-bit RGB to 8 bits as round(v * 255 / max)', () => {
    const oneBit = rawPng({ width: 8, height: 1, depth: 1, colorType: 0, rows: [new Uint8Array([0b10100000])] });
    expect(Array.from(decodePng(oneBit).data.filter((_, i) => i % 3 === 0))).toEqual([255, 0, 255, 0, 0, 0, 0, 0]);
    const fourBit = rawPng({ width: 2, height: 1, depth: 4, colorType: 0, rows: [new Uint8Array([0x7f])] });
    expect(Array.from(decodePng(fourBit).data)).toEqual([119, 119, 119, 255, 255, 255]);
    const sixteen = rawPng({ width: 1, height: 1, depth: 16, colorType: 2, rows: [new Uint8Array([0xff, 0xff, 0x80, 0x00, 0x01, 0x00])] });
    expect(Array.from(decodePng(sixteen).data)).toEqual([255, Math.round((0x8000 * 255) / 65535), Math.round((0x100 * 255) / 65535)]);
  });

  it('looks up palettes (alpha in tRNS dropped)', () => {
    const palette = [
      [255, 0, 0],
      [0, 128, 255],
    ];
    const png = rawPng({ width: 3, height: 1, depth: 8, colorType: 3, rows: [new Uint8Array([1, 0, 1])], palette, trns: new Uint8Array([0, 255]) });
    expect(Array.from(decodePng(png).data)).toEqual([0, 128, 255, 255, 0, 0, 0, 128, 255]);
  });

  it('keeps the colour of colour-keyed (tRNS) RGB pixels when dropping alpha', () => {
    const trns = new Uint8Array([0, 10, 0, 20, 0, 30]);
    const png = rawPng({ width: 2, height: 1, depth: 8, colorType: 2, rows: [new Uint8Array([10, 20, 30, 1, 2, 3])], trns });
    expect(Array.from(decodePng(png).data)).toEqual([10, 20, 30, 1, 2, 3]);
    expect(Array.from(decodePng(png, 'x', { background: [0, 0, 0] }).data)).toEqual([0, 0, 0, 1, 2, 3]);
  });
});

describe('PNG errors', () => {
  it('a missing file is a FileMissingError naming it', async () => {
    const file = path.join(dir, 'nope.png');
    await expect(readPng(file)).rejects.toThrow(FileMissingError);
    await expect(readPng(file)).rejects.toThrow(file);
  });

  it('a non-PNG is a NotAnImageError, a truncated PNG a CorruptMediaError', async () => {
    const text = path.join(dir, 'text.png');
    await fs.writeFile(text, 'hello');
    await expect(readPng(text)).rejects.toMatchObject({ name: 'NotAnImageError', kind: 'not-an-image', file: text });
    const bytes = encodePng(createImage(16, 16, pattern(16, 16)));
    expect(() => decodePng(bytes.subarray(0, bytes.length - 30), 'cut.png')).toThrow(CorruptMediaError);
    expect(() => decodePng(bytes.subarray(0, 4), 'tiny.png')).toThrow(NotAnImageError);
  });
});
