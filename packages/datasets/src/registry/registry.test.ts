import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImage } from '@vpixmix/augment-core';
import { encodePng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetArgumentError, DatasetMissingError } from '../errors';
import { writeCifarFixture } from '../fixtures/cifar-fixture';
import { writeCorruptionFixture, writePerturbationFixture } from '../fixtures/companion-fixture';
import { openShapes } from '../synthetic/shapes';
import { getDataset, openCorruptions, openDatasetSuite, openPerturbations } from './registry';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dataset registry', () => {
  it('opens shapes with splits and its OOD companions', async () => {
    const suite = await openDatasetSuite('shapes', { trainSize: 20, testSize: 10, env: { VPIXMIX_DATASETS: path.join(dir, 'none') } });
    expect([suite.kind, suite.train.length, suite.test.length]).toEqual(['image', 20, 10]);
    expect(Object.keys(suite.ood).sort()).toEqual(['blobs', 'gaussian', 'held-out', 'rademacher']);
    const gaussian = suite.ood.gaussian();
    expect([gaussian.length, gaussian.width, gaussian.kind]).toEqual([2, 32, 'image']);
    expect(suite.ood['held-out']().length).toBe(10);
  });

  it('opens motion with clip-shaped noise companions', async () => {
    const suite = await openDatasetSuite('motion', { trainSize: 10, testSize: 10, frames: 4, size: 16, oodLength: 3 });
    const blobs = suite.ood.blobs();
    expect(blobs.kind).toBe('clip');
    const { clip } = await (blobs.kind === 'clip' ? blobs.item(0) : Promise.reject(new Error('not clips')));
    expect([clip.frames, clip.width, blobs.length]).toEqual([4, 16, 3]);
  });

  it('opens CIFAR lazily: a missing set fails when a split is first used, naming the file', async () => {
    const env = { VPIXMIX_DATASETS: path.join(dir, 'data') };
    const suite = await openDatasetSuite('cifar10', { env });
    expect(() => suite.test).toThrow(DatasetMissingError);
    writeCifarFixture('cifar10', path.join(dir, 'data', 'cifar10'), { trainPerFile: 2, test: 5 });
    fs.mkdirSync(path.join(dir, 'data', 'ood', 'textures', 'striped'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data', 'ood', 'textures', 'striped', 'a.png'), encodePng(createImage(40, 36, new Uint8Array(40 * 36 * 3).fill(90))));
    const ready = await openDatasetSuite('cifar10', { env });
    expect([ready.train.length, ready.test.length]).toEqual([10, 5]);
    expect(Object.keys(ready.ood).sort()).toEqual(['blobs', 'gaussian', 'rademacher', 'textures']);
    const textures = ready.ood.textures();
    expect([textures.length, textures.width, textures.height]).toEqual([1, 32, 32]);
  });

  it('opens the -C and -P companions of any set from <name>-c / <name>-p', async () => {
    const env = { VPIXMIX_DATASETS: path.join(dir, 'companions') };
    const test = openShapes('test', { testSize: 3 });
    await writeCorruptionFixture(path.join(dir, 'companions', 'shapes-c'), test, { names: ['fog'] });
    await writePerturbationFixture(path.join(dir, 'companions', 'shapes-p'), test, { names: ['rotate'], steps: 4 });
    const c = openCorruptions('shapes', { env });
    expect(c.classNames).toEqual(test.classNames);
    expect(c.images('fog', 5).label(2)).toBe(test.label(2));
    const p = openPerturbations('shapes', { env }).sequences('rotate');
    expect([p.length, p.steps, p.label(1)]).toEqual([3, 4, test.label(1)]);
    expect(() => openCorruptions('motion', { env })).toThrow(DatasetMissingError);
  });

  it('names the known sets for an unknown one', () => {
    expect(() => getDataset('imagenet')).toThrow(DatasetArgumentError);
    expect(() => getDataset('imagenet')).toThrow(/unknown data set 'imagenet'; known: shapes, motion, cifar10, cifar100, ucf101/);
  });
});
