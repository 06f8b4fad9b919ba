import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORRUPTION_NAMES, PERTURBATION_NAMES, UnknownCorruptionError, corruptImage, getPerturbation, getVideoCorruption } from '@vpixmix/corruptions';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptionSet } from '../companions/corruption-set';
import { PerturbationSet } from '../companions/perturbation-set';
import { readNpy, readNpyHeader } from '../npy/read';
import { openMotion } from '../synthetic/motion';
import { openShapes } from '../synthetic/shapes';
import { itemRng } from './jobs';
import { corruptionSheet, perturbationSheet, videoCorruptionStrip } from './pictures';
import { defaultCorruptionNames, writeCorruptionSet } from './write-corruption-set';
import { writePerturbationSet } from './write-perturbation-set';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-corruption-sets-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const shapes = openShapes('test', { testSize: 20 });
const motion = openMotion('test', { testSize: 10 });
const bytes = (file: string) => fs.readFileSync(file);

describe('writeCorruptionSet (images)', () => {
  const folder = path.join(root, 'shapes-c');
  const names = ['gaussian_noise', 'fog', 'jpeg_compression'];

  it('writes the -C layout that CorruptionSet reads, item for item what the corruption gives', async () => {
    const progress: number[] = [];
    const result = await writeCorruptionSet(shapes, folder, { names, limit: 7, chunk: 3, workers: 0, seed: 5, onProgress: (done) => progress.push(done) });
    expect(result.count).toBe(7);
    expect(progress.at(-1)).toBe(3 * 5 * 7);
    for (const name of names) expect(readNpyHeader(path.join(folder, `${name}.npy`)).shape).toEqual([35, 32, 32, 3]);
    const labels = readNpy(path.join(folder, 'labels.npy'));
    expect(labels.dtype).toBe('uint8');
    expect(Array.from(labels.data as Uint8Array)).toEqual(Array.from({ length: 35 }, (_, i) => shapes.label(i % 7)));
    const set = CorruptionSet.open(folder);
    expect(set.names).toEqual([...names].sort());
    for (const severity of [1, 3, 5]) {
      const d = set.images('fog', severity);
      expect(d.length).toBe(7);
      for (const i of [0, 6]) {
        const expected = corruptImage(shapes.item(i).image, 'fog', severity, itemRng(5, 'c', 'fog', severity, i)).image.data;
        expect(Buffer.from(d.item(i).image.data).equals(Buffer.from(expected))).toBe(true);
        expect(d.item(i).label).toBe(shapes.label(i));
      }
    }
    set.close();
    const meta = JSON.parse(fs.readFileSync(path.join(folder, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'corruptions', count: 7, seed: 5, names, complete: true });
  });

  it('gives the same bytes with worker threads, any chunking, and for the first items under --limit', async () => {
    const other = path.join(root, 'shapes-c-workers');
    await writeCorruptionSet(shapes, other, { names, limit: 7, chunk: 2, workers: 2, seed: 5 });
    for (const name of names) expect(bytes(path.join(other, `${name}.npy`)).equals(bytes(path.join(folder, `${name}.npy`)))).toBe(true);
    const fewer = path.join(root, 'shapes-c-fewer');
    await writeCorruptionSet(shapes, fewer, { names: ['fog'], limit: 3, workers: 0, seed: 5 });
    const small = CorruptionSet.open(fewer);
    const big = CorruptionSet.open(folder);
    expect(Buffer.from(small.images('fog', 4).item(2).image.data).equals(Buffer.from(big.images('fog', 4).item(2).image.data))).toBe(true);
    small.close();
    big.close();
  });

  it('keeps the files an earlier run finished (same seed and count) and rewrites them with overwrite', async () => {
    const statuses: string[] = [];
    const result = await writeCorruptionSet(shapes, folder, { names, limit: 7, workers: 0, seed: 5, onFile: (_f, s) => statuses.push(s) });
    expect(result.kept).toHaveLength(3);
    expect(statuses).toEqual(['kept', 'kept', 'kept']);
    const redo = await writeCorruptionSet(shapes, folder, { names: ['fog'], limit: 7, workers: 0, seed: 5, overwrite: true });
    expect(redo.written).toHaveLength(1);
    const reseeded = await writeCorruptionSet(shapes, folder, { names: ['fog'], limit: 7, workers: 0, seed: 6 });
    expect(reseeded.kept).toHaveLength(0);
  });

  it('rejects unknown corruptions, codec corruptions of pictures and bad limits before writing anything', async () => {
    const bad = path.join(root, 'bad');
    await expect(writeCorruptionSet(shapes, bad, { names: ['fogg'] })).rejects.toThrow(UnknownCorruptionError);
    await expect(writeCorruptionSet(shapes, bad, { names: ['h264_crf'] })).rejects.toThrow(/unknown corruption 'h264_crf'/);
    await expect(writeCorruptionSet(shapes, bad, { names: ['fog'], limit: 0 })).rejects.toThrow(/limit: must be an integer >= 1/);
    expect(fs.existsSync(bad)).toBe(false);
    expect(defaultCorruptionNames('image')).toEqual(CORRUPTION_NAMES);
  });
});

describe('writeCorruptionSet (clips)', () => {
  it('writes (5N, T, H, W, 3) with spatial, temporal and codec corruptions', async () => {
    const folder = path.join(root, 'motion-c');
    const names = ['gaussian_noise', 'reverse', 'h264_crf', 'bit_errors'];
    await writeCorruptionSet(motion, folder, { names, limit: 3, workers: 0, seed: 1 });
    const set = CorruptionSet.open(folder);
    expect(set.kind).toBe('clip');
    expect([set.count, set.frames, set.width, set.height]).toEqual([3, 8, 32, 32]);
    const clean = (await motion.item(1)).clip;
    const reversed = (await set.clips('reverse', 5).item(1)).clip;
    const frame = 32 * 32 * 3;
    for (let t = 0; t < 8; t++) expect(Buffer.from(reversed.data.subarray(t * frame, (t + 1) * frame)).equals(Buffer.from(clean.data.subarray((7 - t) * frame, (8 - t) * frame)))).toBe(true);
    const c = getVideoCorruption('gaussian_noise');
    const expected = c.apply(clean, c.sampleParams(itemRng(1, 'c', 'gaussian_noise', 2, 1), 2, clean));
    expect(Buffer.from((await set.clips('gaussian_noise', 2).item(1)).clip.data).equals(Buffer.from(expected.data))).toBe(true);
    const rms = async (name: string, severity: number) => {
      const out = (await set.clips(name, severity).item(0)).clip.data;
      const ref = (await motion.item(0)).clip.data;
      let s = 0;
      for (let i = 0; i < ref.length; i++) s += (out[i] - ref[i]) ** 2;
      return Math.sqrt(s / ref.length);
    };
    expect(await rms('h264_crf', 5)).toBeGreaterThan(await rms('h264_crf', 1));
    expect(await rms('h264_crf', 1)).toBeGreaterThan(0);
    expect(await rms('bit_errors', 1)).toBeGreaterThan(0);
    set.close();
  });
});

describe('writePerturbationSet', () => {
  it('writes (N, S, H, W, 3) with the published steps, read back by PerturbationSet', async () => {
    const folder = path.join(root, 'shapes-p');
    await writePerturbationSet(shapes, folder, { names: ['translate', 'gaussian_noise', 'motion_blur'], limit: 4, workers: 0, seed: 2 });
    const set = PerturbationSet.open(folder);
    for (const [name, steps] of [
      ['translate', 16],
      ['gaussian_noise', 31],
      ['motion_blur', 21],
    ] as const) {
      const sequences = set.sequences(name);
      expect([sequences.length, sequences.steps]).toEqual([4, steps]);
    }
    const seq = set.sequences('gaussian_noise').item(3);
    const expected = getPerturbation('gaussian_noise').sequence(shapes.item(3).image, itemRng(2, 'p', 'gaussian_noise', 0, 3));
    expect(Buffer.from(seq.steps[30].data).equals(Buffer.from(expected.data.subarray(30 * 3072, 31 * 3072)))).toBe(true);
    expect(seq.label).toBe(shapes.label(3));
    const meta = JSON.parse(fs.readFileSync(path.join(folder, 'meta.json'), 'utf8'));
    expect(meta.steps).toEqual({ translate: 16, gaussian_noise: 31, motion_blur: 21 });
    expect(meta.noise).toEqual(['gaussian_noise']);
    set.close();
    expect(PERTURBATION_NAMES).toHaveLength(10);
  });

  it('clip sequences apply step s to every frame of the clip', async () => {
    const folder = path.join(root, 'motion-p');
    await writePerturbationSet(motion, folder, { names: ['rotate'], limit: 1, workers: 0 });
    expect(readNpyHeader(path.join(folder, 'rotate.npy')).shape).toEqual([1, 31, 8, 32, 32, 3]);
    const set = PerturbationSet.open(folder);
    const seq = set.sequences('rotate').item(0);
    const clip = (await motion.item(0)).clip;
    const frame3 = { width: 32, height: 32, channels: 3 as const, data: clip.data.subarray(3 * 3072, 4 * 3072) };
    const rotated = getPerturbation('rotate').sequence(frame3, itemRng(0, 'p', 'rotate', 0, 0));
    const step10 = seq.steps[10] as { data: Uint8Array };
    expect(Buffer.from(step10.data.subarray(3 * 3072, 4 * 3072)).equals(Buffer.from(rotated.data.subarray(10 * 3072, 11 * 3072)))).toBe(true);
    set.close();
  });
});

describe('pictures', () => {
  it('lay out the corruption sheet, the -P sheet and the temporal strip', async () => {
    const image = shapes.item(0).image;
    const sheet = corruptionSheet(image, { scale: 1 });
    expect([sheet.width, sheet.height]).toEqual([6 * 32 + 7 * 2, 15 * 32 + 16 * 2]);
    const p = perturbationSheet(image, { scale: 1, columns: 4, names: ['rotate', 'scale'] });
    expect([p.width, p.height]).toEqual([4 * 32 + 5 * 2, 2 * 32 + 3 * 2]);
    const strip = videoCorruptionStrip((await motion.item(0)).clip, { scale: 1 });
    expect([strip.frames, strip.width, strip.height]).toEqual([8, 6 * 32 + 7 * 2, 32 + 2 * 2]);
  });
});
