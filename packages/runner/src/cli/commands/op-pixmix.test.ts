import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replayPixmix, Rng, toUint8, type PixmixRecord } from '@vpixmix/augment-core';
import { loadImageFolder } from '@vpixmix/mixing-sets';
import { readPng, writePng } from '@vpixmix/video-io';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo as capture } from '../testing/capture-io';

const golden = path.resolve(__dirname, '../../../../..', '../shared/golden/pil-ops');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-op-'));

describe('vpixmix op', () => {
  it('reproduces golden Pillow outputs, negative parameters included', async () => {
    for (const [name, param, file] of [
      ['rotate', '-29', 'rotate_m29_scene112.png'],
      ['shear_x', '-0.0306', 'shear_x_m0.0306_scene32.png'],
      ['sharpness', '1.4853', 'sharpness_1.4853_noise32.png'],
    ]) {
      const input = path.join(golden, 'inputs', file.replace(/^.*_(\w+\d+)\.png$/, '$1.png'));
      const out = path.join(dir, file);
      const io = capture();
      expect(await main(['op', name, '--param', param, input, out], io)).toBe(0);
      expect(Object.values(JSON.parse(io.outText).params)).toEqual([Number(param)]);
      expect((await readPng(out)).data).toEqual((await readPng(path.join(golden, 'outputs', file))).data);
    }
  });

  it('says what is wrong with the command line', async () => {
    const input = path.join(golden, 'inputs', 'scene32.png');
    const cases: [string[], RegExp][] = [
      [['op', 'blur', input, 'x.png'], /unknown op 'blur'/],
      [['op', 'rotate', input, path.join(dir, 'x.png')], /--param is required for rotate: degrees/],
      [['op', 'equalize', '--param', '3', input, path.join(dir, 'x.png')], /equalize takes no parameter/],
      [['op', 'posterize', '--param', '9', input, path.join(dir, 'x.png')], /posterize\.bits: must be an integer >= 0 and <= 8/],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      expect(await main(args, io)).not.toBe(0);
      expect(io.errText).toMatch(message);
    }
  });
});

describe('vpixmix pixmix', () => {
  it('writes a grid and records that replay to the same samples', async () => {
    const folder = path.join(dir, 'mixing');
    mkdirSync(folder);
    const scene = await readPng(path.join(golden, 'inputs', 'scene32.png'));
    await writePng(path.join(folder, 'a.png'), await readPng(path.join(golden, 'inputs', 'noise32.png')));
    await writePng(path.join(folder, 'b.png'), await readPng(path.join(golden, 'inputs', 'gradient32.png')));
    const out = path.join(dir, 'grid.png');
    const io = capture();
    const args = ['pixmix', path.join(golden, 'inputs', 'scene32.png'), '--mixing', folder, '--seed', '7', '-n', '6', '--out', out, '--scale', '1'];
    expect(await main(args, io)).toBe(0);
    const records = JSON.parse(readFileSync(out.replace(/\.png$/, '.json'), 'utf8')) as { samples: { mixingIndex: number; record: PixmixRecord }[] };
    expect(records.samples).toHaveLength(6);
    const grid = await readPng(out);
    expect([grid.width, grid.height]).toEqual([3 * 32 + 4 * 2, 2 * 32 + 3 * 2]);
    // Sample 4 sits in row 1, column 1 (2-pixel gaps): replay it from its record and compare.
    const source = await loadImageFolder(folder, { size: 32, tooSmall: 'upscale' });
    const rng = Rng.seeded(7).fork('sample', 4).fork('mixing');
    const index = rng.int(0, source.length);
    expect(index).toBe(records.samples[4].mixingIndex);
    const picture = toUint8(source.picture(index, 32, 32, rng.fork('mixing-preprocess')));
    const replayed = toUint8(replayPixmix(scene, picture, records.samples[4].record));
    for (let y = 0; y < 32; y++) {
      const row = grid.data.subarray(((2 + 32 + 2 + y) * grid.width + 2 + 32 + 2) * 3, ((2 + 32 + 2 + y) * grid.width + 2 + 32 + 2 + 32) * 3);
      expect(Array.from(row)).toEqual(Array.from(replayed.data.subarray(y * 96, (y + 1) * 96)));
    }
    // Same seed, same bytes.
    const again = path.join(dir, 'again.png');
    expect(await main([...args.slice(0, -4), '--out', again, '--scale', '1'], capture())).toBe(0);
    expect((await readPng(again)).data).toEqual(grid.data);
  });
});
