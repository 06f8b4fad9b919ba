import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Rng } from '@vpixmix/augment-core';
import { readClip } from '@vpixmix/video-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError, DatasetMissingError } from '../errors';
import { writeUcf101Fixture } from '../fixtures/ucf101-fixture';
import { readClassInd, readVideoList } from './lists';
import { Ucf101Dataset } from './ucf101';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf101-test-'));
let written: { train: string[]; test: string[] };

beforeAll(async () => {
  written = await writeUcf101Fixture(root, { codec: 'ffv1', frames: 20 });
  // One listed video that is missing, one that is not a video at all.
  fs.rmSync(path.join(root, 'UCF-101', written.train[0]));
  fs.writeFileSync(path.join(root, 'UCF-101', written.train[3]), Buffer.alloc(4096, 7));
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('UCF101 lists', () => {
  it('reads classInd (1-based) and takes the class from the folder, not the file stem', () => {
    const lists = path.join(root, 'ucfTrainTestlist');
    const classes = readClassInd(path.join(lists, 'classInd.txt'));
    expect(classes).toEqual(['ApplyEyeMakeup', 'HandstandPushups', 'YoYo']);
    const trainList = readVideoList(path.join(lists, 'trainlist01.txt'), classes, 'train');
    const stems = trainList.filter((v) => v.relative.includes('HandStandPushups'));
    expect(stems.length).toBeGreaterThan(0);
    expect(stems.every((v) => v.label === 1)).toBe(true);
    expect(readVideoList(path.join(lists, 'testlist02.txt'), classes, 'test').map((v) => v.label)).toEqual([0, 1, 2]);
  });

  it('rejects lists that disagree with classInd, naming file, line and layout', () => {
    const lists = path.join(root, 'bad-lists');
    fs.mkdirSync(lists, { recursive: true });
    const classes = ['ApplyEyeMakeup', 'YoYo'];
    fs.writeFileSync(path.join(lists, 'wrong-label.txt'), 'YoYo/v_YoYo_g01_c01.avi 1\r\n');
    expect(() => readVideoList(path.join(lists, 'wrong-label.txt'), classes, 'train')).toThrow(/the label of 'YoYo' \(2 in classInd.txt\), found 1 on line 1/);
    fs.writeFileSync(path.join(lists, 'unknown.txt'), 'Bowling/v_Bowling_g01_c01.avi\n');
    expect(() => readVideoList(path.join(lists, 'unknown.txt'), classes, 'test')).toThrow(DatasetFormatError);
    fs.writeFileSync(path.join(lists, 'classInd.txt'), '1 ApplyEyeMakeup\n3 YoYo\n');
    expect(() => readClassInd(path.join(lists, 'classInd.txt'))).toThrow(/numbered 1, 2, 3, \.\.\. in order, found index 3 on line 2/);
    expect(() => readClassInd(path.join(lists, 'nope.txt'))).toThrow(DatasetMissingError);
  });
});

describe('UCF101 clips', () => {
  it('reads the centre clip, centre-cropped, exactly as video-io decodes it', async () => {
    const test = Ucf101Dataset.open({ root, split: 'test', frames: 8, size: 24, decodeSize: { width: 32, height: 28 } });
    expect([test.length, test.numClasses, test.frames, test.width]).toEqual([3, 3, 8, 24]);
    const { clip, label } = await test.item(1);
    expect(label).toBe(1);
    const direct = await readClip(path.join(root, 'UCF-101', written.test[1]), { frames: 8, start: 'center', size: { width: 32, height: 28 } });
    expect([clip.frames, clip.height, clip.width]).toEqual([8, 24, 24]);
    // Centre crop: top = (28 - 24) / 2 = 2, left = (32 - 24) / 2 = 4.
    for (const [t, y, x] of [[0, 0, 0], [7, 23, 23], [3, 10, 5]]) {
      for (let c = 0; c < 3; c++) {
        expect(clip.data[((t * 24 + y) * 24 + x) * 3 + c]).toBe(direct.data[((t * 28 + y + 2) * 32 + x + 4) * 3 + c]);
      }
    }
  });

  it('reads the same clips through the decoded-clip cache', async () => {
    const cacheDir = path.join(root, 'cache');
    const options = { root, split: 'test' as const, frames: 6, size: 16, decodeSize: { width: 24, height: 20 } };
    const plain = await Ucf101Dataset.open(options).item(2);
    const cached = Ucf101Dataset.open({ ...options, cacheDir });
    const first = await cached.item(2);
    expect(fs.readdirSync(cacheDir).length).toBeGreaterThan(0);
    const second = await cached.item(2);
    expect(Array.from(first.clip.data)).toEqual(Array.from(plain.clip.data));
    expect(Array.from(second.clip.data)).toEqual(Array.from(plain.clip.data));
  });

  it('draws random clips and crops from the rng, the same for the same seed', async () => {
    const train = Ucf101Dataset.open({ root, split: 'train', frames: 4, size: 16, decodeSize: { width: 24, height: 20 } });
    const a = await train.item(1, { rng: Rng.seeded(3) });
    const b = await train.item(1, { rng: Rng.seeded(3) });
    expect(Array.from(a.clip.data)).toEqual(Array.from(b.clip.data));
    const others = await Promise.all([4, 5, 6, 7].map((s) => train.item(1, { rng: Rng.seeded(s) })));
    expect(others.some((o) => Array.from(o.clip.data).join() !== Array.from(a.clip.data).join())).toBe(true);
  });

  it('skips and counts missing and unreadable videos, substituting the next readable one', async () => {
    const train = Ucf101Dataset.open({ root, split: 'train', frames: 4, size: 16 });
    expect(train.length).toBe(6);
    expect(train.skipped.map((s) => s.kind)).toEqual(['missing']);
    const { label } = await train.item(0);
    expect(label).toBe(0); // video 0 is missing: its class-mate, video 1, stands in
    const third = await train.item(3); // not a video: replaced by video 4
    expect(third.label).toBe(train.label(4));
    expect(train.skipped).toHaveLength(2);
    expect(train.skipped[1].kind).toMatch(/not-a-video|corrupt/);
    expect(train.skipped[1].file).toBe(path.join(root, 'UCF-101', written.train[3]));
  });

  it('says where the lists and videos should be when they are missing', () => {
    const empty = path.join(root, 'nothing');
    expect(() => Ucf101Dataset.open({ root: empty, split: 'train' })).toThrow(DatasetMissingError);
    expect(() => Ucf101Dataset.open({ root: empty, split: 'train' })).toThrow(new RegExp(`${path.join(empty, 'ucfTrainTestlist', 'classInd.txt')}: not found.*UCF101TrainTestSplits-RecognitionTask.zip`));
    expect(() => Ucf101Dataset.open({ root, split: 'train', fold: 4 })).toThrow(/splits 1, 2 and 3; got 4/);
  });
});
