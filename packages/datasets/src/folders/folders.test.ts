import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImage } from '@vpixmix/augment-core';
import { encodePng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetMissingError } from '../errors';
import { ImageFolderDataset } from './image-folder';
import { resizeShorterSide } from '@vpixmix/mixing-sets';
import { centerCrop } from './resize';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folders-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pattern(w: number, h: number) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = (x * 37 + y * 101 + c * 71 + ((x * y) % 13) * 9) % 256;
  return createImage(w, h, data);
}

describe('resize', () => {
  it('centre-crops as torchvision does, with Python rounding of the offsets', () => {
    const img = pattern(6, 4);
    const crop = centerCrop(img, 3, 3);
    // top = round(0.5) = 0, left = round(1.5) = 2 (halves to even).
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) expect(crop.data[(y * 3 + x) * 3]).toBe(img.data[(y * 6 + x + 2) * 3]);
    const wide = centerCrop(pattern(9, 3), 4, 3); // left = round(2.5) = 2
    expect(wide.data[0]).toBe(pattern(9, 3).data[2 * 3]);
  });
});

describe('image folders', () => {
  it('reads one subfolder per class, sorted, resizes, and skips what is not a picture', () => {
    const root = path.join(dir, 'textures');
    for (const [cls, n] of [['dotted', 2], ['banded', 3]] as const) {
      fs.mkdirSync(path.join(root, cls), { recursive: true });
      for (let i = 0; i < n; i++) fs.writeFileSync(path.join(root, cls, `${i}.png`), encodePng(pattern(40 + i, 30)));
    }
    fs.writeFileSync(path.join(root, 'banded', 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(root, 'banded', 'fake.png'), 'not a png');
    const ds = ImageFolderDataset.open(root, { width: 8, height: 8 });
    expect(ds.classNames).toEqual(['banded', 'dotted']);
    expect(ds.length).toBe(5);
    expect(Array.from({ length: 5 }, (_, i) => ds.label(i))).toEqual([0, 0, 0, 1, 1]);
    expect(ds.skipped.map((s) => path.basename(s.path)).sort()).toEqual(['fake.png', 'notes.txt']);
    const { image } = ds.item(0);
    expect([image.width, image.height]).toEqual([8, 8]);
    // 40x30 -> shorter side 8 -> 10x8 (Pillow bilinear) -> centre crop 8x8 from left 1.
    const resized = resizeShorterSide(pattern(40, 30), 8);
    expect([resized.width, resized.height]).toEqual([10, 8]);
    const expected = centerCrop(resized, 8, 8);
    expect(Array.from(image.data)).toEqual(Array.from(expected.data));
  });

  it('treats a folder of pictures without subfolders as one class, and names what is missing', () => {
    const root = path.join(dir, 'flat');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'a.png'), encodePng(pattern(8, 8)));
    const ds = ImageFolderDataset.open(root, { width: 8, height: 8 });
    expect(ds.classNames).toEqual(['flat']);
    expect(() => ImageFolderDataset.open(path.join(dir, 'nope'), { width: 8, height: 8 })).toThrow(DatasetMissingError);
    fs.mkdirSync(path.join(dir, 'empty', 'cls'), { recursive: true });
    expect(() => ImageFolderDataset.open(path.join(dir, 'empty'), { width: 8, height: 8 })).toThrow(/found no readable picture/);
  });
});
