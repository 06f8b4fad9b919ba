import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetFormatError, DatasetMissingError } from '../errors';
import { encodeCifarBinary, readCifarBinary } from './binary';
import { cifarLayouts, openCifar10, openCifar100 } from './cifar';
import { cifar100CoarseNames, cifar100FineNames, cifar10ClassNames } from './class-names';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cifar-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The published record, built byte by byte: label byte(s), then the R, G, B planes (32x32 row-major each). */
function record(labels: number[], pixel: (x: number, y: number, c: number) => number): Buffer {
  const out = Buffer.alloc(labels.length + 3072);
  labels.forEach((l, i) => (out[i] = l));
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[labels.length + c * 1024 + y * 32 + x] = pixel(x, y, c);
  }
  return out;
}

const pattern = (r: number) => (x: number, y: number, c: number) => (x * 7 + y * 3 + c * 50 + r * 11) % 256;

function writeCifar10(root: string, perBatch: number): void {
  const folder = path.join(root, 'cifar-10-batches-bin');
  fs.mkdirSync(folder, { recursive: true });
  const files = [...cifarLayouts.cifar10.train, ...cifarLayouts.cifar10.test];
  files.forEach((file, b) => {
    const records = Array.from({ length: perBatch }, (_, r) => record([(b + r) % 10], pattern(b * perBatch + r)));
    fs.writeFileSync(path.join(folder, file), Buffer.concat(records));
  });
  fs.writeFileSync(path.join(folder, 'batches.meta.txt'), `${cifar10ClassNames.join('\n')}\n\n`);
}

describe('CIFAR-10 binary', () => {
  it('reads every batch in order, CHW records to HWC images, with labels and class names', () => {
    const root = path.join(dir, 'c10');
    writeCifar10(root, 3);
    const train = openCifar10({ root, split: 'train' });
    expect(train.length).toBe(15);
    expect(train.classNames).toEqual(cifar10ClassNames);
    for (const i of [0, 4, 14]) {
      const { image, label } = train.item(i);
      expect(label).toBe((Math.floor(i / 3) + (i % 3)) % 10);
      expect([image.width, image.height, image.data.length]).toEqual([32, 32, 3072]);
      for (const [x, y] of [[0, 0], [31, 0], [5, 17], [31, 31]]) {
        for (let c = 0; c < 3; c++) expect(image.data[(y * 32 + x) * 3 + c]).toBe(pattern(i)(x, y, c));
      }
    }
    const test = openCifar10({ root, split: 'test' });
    expect(test.length).toBe(3);
    expect(test.item(2).image.data[3 * (7 * 32 + 9) + 1]).toBe(pattern(17)(9, 7, 1));
  });

  it('names the missing file, the layout and the fix', () => {
    const root = path.join(dir, 'empty');
    expect(() => openCifar10({ root, split: 'train' })).toThrow(DatasetMissingError);
    expect(() => openCifar10({ root, split: 'train' })).toThrow(
      new RegExp(`${path.join(root, 'cifar-10-batches-bin', 'data_batch_1.bin')}: not found; expected the cifar10 train files data_batch_1.bin.*3073 bytes.*cifar-10-binary.tar.gz.*datasets verify cifar10`),
    );
  });

  it('rejects a file that is not whole records, or holds CIFAR-100 labels', () => {
    const file = path.join(dir, 'short.bin');
    fs.writeFileSync(file, Buffer.alloc(3073 * 2 + 5));
    expect(() => readCifarBinary(file, 1, 9)).toThrow(DatasetFormatError);
    expect(() => readCifarBinary(file, 1, 9)).toThrow(/a whole number of records of 3073 bytes.*found 6151 bytes/);
    const wrong = path.join(dir, 'labels.bin');
    fs.writeFileSync(wrong, record([57], pattern(0)));
    expect(() => readCifarBinary(wrong, 1, 9)).toThrow(/label byte\(s\) 57 in record 0/);
  });
});

describe('CIFAR-100 binary', () => {
  it('reads coarse and fine labels and the pixels after both label bytes', () => {
    const root = path.join(dir, 'c100');
    const folder = path.join(root, 'cifar-100-binary');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'train.bin'), Buffer.concat([record([19, 99], pattern(1)), record([3, 42], pattern(2))]));
    fs.writeFileSync(path.join(folder, 'test.bin'), record([0, 7], pattern(3)));
    const fine = openCifar100({ root, split: 'train' });
    expect(fine.numClasses).toBe(100);
    expect(fine.classNames[99]).toBe('worm');
    expect([fine.label(0), fine.label(1)]).toEqual([99, 42]);
    expect(fine.item(1).image.data[3 * (31 * 32 + 30) + 2]).toBe(pattern(2)(30, 31, 2));
    const coarse = openCifar100({ root, split: 'train', labels: 'coarse' });
    expect(coarse.numClasses).toBe(20);
    expect([coarse.label(0), coarse.label(1)]).toEqual([19, 3]);
    expect(openCifar100({ root, split: 'test' }).item(0).label).toBe(7);
    expect(cifar100FineNames).toHaveLength(100);
    expect(cifar100CoarseNames).toHaveLength(20);
  });

  it('encodes records back to the same bytes', () => {
    const bytes = Buffer.concat([record([4, 40], pattern(5)), record([1, 10], pattern(6))]);
    const file = path.join(dir, 'rt.bin');
    fs.writeFileSync(file, bytes);
    const batch = readCifarBinary(file, 2, 99);
    const records = [0, 1].map((r) => ({
      image: { width: 32, height: 32, channels: 3 as const, data: batch.pixels.subarray(r * 3072, (r + 1) * 3072) },
      label: batch.labels[r],
      coarse: batch.coarse?.[r],
    }));
    expect(encodeCifarBinary(records, 2).equals(bytes)).toBe(true);
  });
});
