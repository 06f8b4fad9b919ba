import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImage } from '@vpixmix/augment-core';
import { encodePng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetMissingError } from '../errors';
import { ImageFolderDataset } from './image-folder';
import { centerCrop, resizeBilinear } from './resize';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folders-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pattern(w: number, h: number) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = (x * 37 + y * 101 + c * 71 + ((x * y) % 13) * 9) % 256;
  return createImage(w, h, data);
}

// Pillow 9's Image.resize(..., Image.BILINEAR) of pattern(w, h).
const pillow: Record<string, number[]> = {
  '13x9->5x4': [95, 118, 145, 132, 124, 148, 129, 110, 102, 85, 115, 138, 130, 157, 102, 117, 130, 150, 138, 134, 153, 136, 112, 116, 125, 110, 102, 111, 133, 128, 137, 116, 135, 124, 130, 130, 142, 120, 123, 124, 109, 114, 157, 130, 127, 107, 115, 119, 155, 116, 130, 134, 97, 138, 122, 127, 105, 125, 128, 130],
  '40x30->8x6': [123, 125, 144, 125, 117, 117, 124, 130, 118, 131, 124, 123, 131, 135, 132, 133, 123, 131, 138, 125, 125, 118, 125, 128, 121, 123, 122, 134, 115, 122, 133, 126, 133, 134, 121, 144, 139, 139, 121, 139, 117, 127, 132, 127, 121, 129, 125, 116, 123, 133, 128, 137, 111, 135, 124, 129, 142, 137, 116, 139, 126, 113, 121, 116, 132, 130, 140, 126, 115, 130, 128, 124, 128, 135, 133, 136, 128, 137, 129, 120, 130, 134, 124, 136, 124, 122, 118, 121, 128, 127, 125, 128, 132, 140, 132, 125, 108, 153, 120, 118, 126, 137, 131, 120, 116, 123, 124, 114, 132, 121, 135, 134, 118, 147, 138, 114, 133, 143, 136, 123, 123, 141, 127, 125, 113, 142, 138, 129, 122, 119, 127, 135, 126, 123, 143, 122, 128, 125, 134, 113, 114, 121, 133, 124],
};

describe('resize', () => {
  it("matches Pillow's bilinear resampling within 1 level", () => {
    for (const [key, expected] of Object.entries(pillow)) {
      const [w, h, W, H] = key.split(/x|->/).map(Number);
      const out = Array.from(resizeBilinear(pattern(w, h), W, H).data);
      expect(out.length).toBe(expected.length);
      out.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1));
    }
  });

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
    // 40x30 -> shorter side 8 -> 10x8 -> centre crop 8x8 from left 1.
    const expected = centerCrop(resizeBilinear(pattern(40, 30), 10, 8), 8, 8);
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
