import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';
import { writeNpy } from '../npy/write';
import { CorruptionSet } from './corruption-set';
import { companionLayout, corruptionFileShape, perturbationFileShape, writeCompanionMeta } from './layout';
import { PerturbationSet } from './perturbation-set';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'companions-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Byte value of element e of row r of file `seed`: rows are told apart by their first byte. */
const value = (seed: number, row: number, e: number) => (seed * 31 + row * 7 + e) % 256;

function fill(seed: number, shape: number[]): Uint8Array {
  const rowLength = shape.slice(1).reduce((a, b) => a * b, 1);
  const data = new Uint8Array(shape[0] * rowLength);
  for (let r = 0; r < shape[0]; r++) for (let e = 0; e < rowLength; e++) data[r * rowLength + e] = value(seed, r, e);
  return data;
}

describe('-C sets', () => {
  it('reads the CIFAR-10-C layout: severities stacked in order, labels tiled', () => {
    const root = path.join(dir, 'cifar10-c');
    const n = 4;
    const shape = corruptionFileShape(n, { width: 32, height: 32 });
    expect(shape).toEqual([20, 32, 32, 3]);
    writeNpy(companionLayout.dataFile(root, 'fog'), { shape, data: fill(1, shape) });
    writeNpy(companionLayout.dataFile(root, 'gaussian_noise'), { shape, data: fill(2, shape) });
    const labels = BigInt64Array.from({ length: 5 * n }, (_, i) => BigInt(i % n));
    writeNpy(companionLayout.labelsFile(root), { shape: [5 * n], data: labels });
    const set = CorruptionSet.open(root, { width: 32, height: 32, classNames: 'abcd'.split('') });
    expect(set.names).toEqual(['fog', 'gaussian_noise']);
    expect(set.kind).toBe('image');
    expect(set.count).toBe(n);
    const fog3 = set.images('fog', 3);
    expect(fog3.length).toBe(n);
    expect(fog3.name).toBe(`${root}/fog/3`);
    const { image, label } = fog3.item(1);
    expect(label).toBe(1);
    expect(image.data[0]).toBe(value(1, 2 * n + 1, 0));
    expect(image.data[3071]).toBe(value(1, 2 * n + 1, 3071));
    expect(set.images('gaussian_noise', 5).item(3).image.data[10]).toBe(value(2, 4 * n + 3, 10));
    expect(() => set.images('fog', 6)).toThrow(DatasetArgumentError);
    expect(() => set.images('frost', 1)).toThrow(/'frost' is not in .*present: fog, gaussian_noise/);
    set.close();
  });

  it('accepts the archive folder nested one level, and labels of length N', () => {
    const root = path.join(dir, 'nested');
    const folder = path.join(root, 'CIFAR-10-C');
    const shape = corruptionFileShape(2, { width: 8, height: 8 });
    writeNpy(companionLayout.dataFile(folder, 'contrast'), { shape, data: fill(3, shape) });
    writeNpy(companionLayout.labelsFile(folder), { shape: [2], data: Uint8Array.from([1, 0]) });
    const set = CorruptionSet.open(root);
    expect(set.folder).toBe(folder);
    expect(set.images('contrast', 4).label(0)).toBe(1);
    set.close();
  });

  it('reads clip corruption sets', async () => {
    const root = path.join(dir, 'motion-c');
    const shape = corruptionFileShape(3, { width: 16, height: 12, frames: 4 });
    expect(shape).toEqual([15, 4, 12, 16, 3]);
    writeNpy(companionLayout.dataFile(root, 'freeze'), { shape, data: fill(4, shape) });
    writeNpy(companionLayout.labelsFile(root), { shape: [15], data: Int32Array.from({ length: 15 }, (_, i) => i % 3) });
    writeCompanionMeta(root, { kind: 'corruptions', dataset: 'motion', classNames: ['a', 'b', 'c'], frames: 4 });
    const set = CorruptionSet.open(root, { frames: 4 });
    expect(set.kind).toBe('clip');
    expect(set.classNames).toEqual(['a', 'b', 'c']);
    const clips = set.clips('freeze', 2);
    const { clip, label } = await clips.item(2);
    expect([clip.frames, clip.height, clip.width, label]).toEqual([4, 12, 16, 2]);
    expect(clip.data[4 * 12 * 16 * 3 - 1]).toBe(value(4, 5, 4 * 12 * 16 * 3 - 1));
    expect(() => set.images('freeze', 1)).toThrow(/holds clips/);
    set.close();
  });

  it('says what is missing or wrong, naming the file and the layout', () => {
    expect(() => CorruptionSet.open(path.join(dir, 'absent'))).toThrow(DatasetMissingError);
    expect(() => CorruptionSet.open(path.join(dir, 'absent'))).toThrow(/<corruption>\.npy' uint8 \(5N, H, W, 3\)/);
    const root = path.join(dir, 'bad');
    writeNpy(companionLayout.dataFile(root, 'fog'), { shape: [7, 32, 32, 3], data: new Uint8Array(7 * 3072) });
    expect(() => CorruptionSet.open(root)).toThrow(DatasetFormatError);
    expect(() => CorruptionSet.open(root)).toThrow(/fog\.npy: expected .*severities 1-5 stacked.*found shape \(7, 32, 32, 3\)/);
    const noLabels = path.join(dir, 'no-labels');
    writeNpy(companionLayout.dataFile(noLabels, 'fog'), { shape: [5, 4, 4, 3], data: new Uint8Array(5 * 48) });
    expect(() => CorruptionSet.open(noLabels)).toThrow(new RegExp(`${companionLayout.labelsFile(noLabels)}: not found`));
    const floats = path.join(dir, 'floats');
    writeNpy(companionLayout.dataFile(floats, 'fog'), { shape: [5, 4, 4, 3], data: new Float32Array(5 * 48) });
    expect(() => CorruptionSet.open(floats)).toThrow(/found dtype float32/);
    const small = path.join(dir, 'small');
    writeNpy(companionLayout.dataFile(small, 'fog'), { shape: [5, 16, 16, 3], data: new Uint8Array(5 * 768) });
    expect(() => CorruptionSet.open(small, { width: 32, height: 32 })).toThrow(/found shape \(5, 16, 16, 3\)/);
  });
});

describe('-P sets', () => {
  it('reads image sequences, with or without labels', () => {
    const root = path.join(dir, 'cifar10-p');
    const shape = perturbationFileShape(3, 5, { width: 8, height: 8 });
    expect(shape).toEqual([3, 5, 8, 8, 3]);
    writeNpy(companionLayout.dataFile(root, 'rotate'), { shape, data: fill(5, shape) });
    const set = PerturbationSet.open(root, { width: 8, height: 8 });
    expect(set.names).toEqual(['rotate']);
    const rotate = set.sequences('rotate');
    expect([rotate.length, rotate.steps, rotate.kind]).toEqual([3, 5, 'image']);
    const seq = rotate.item(2);
    expect(seq.label).toBe(-1);
    expect(seq.steps).toHaveLength(5);
    expect(seq.steps[3].data[1]).toBe(value(5, 2, 3 * 192 + 1));
    set.close();
    writeNpy(companionLayout.labelsFile(root), { shape: [3], data: BigInt64Array.from([2n, 0n, 1n]) });
    expect(PerturbationSet.open(root).sequences('rotate').item(0).label).toBe(2);
    writeNpy(companionLayout.labelsFile(root), { shape: [4], data: new BigInt64Array(4) });
    expect(() => PerturbationSet.open(root).sequences('rotate')).toThrow(/with 4 sequences to match labels.npy, found shape \(3, 5, 8, 8, 3\)/);
  });

  it('reads clip sequences', () => {
    const root = path.join(dir, 'motion-p');
    const shape = perturbationFileShape(2, 3, { width: 4, height: 4, frames: 2 });
    writeNpy(companionLayout.dataFile(root, 'translate'), { shape, data: fill(6, shape) });
    const seqs = PerturbationSet.open(root, { frames: 2 }).sequences('translate');
    expect([seqs.kind, seqs.steps, seqs.frames]).toEqual(['clip', 3, 2]);
    const step = seqs.item(1).steps[2];
    expect('frames' in step && step.frames).toBe(2);
    expect(step.data[0]).toBe(value(6, 1, 2 * 96));
  });
});
