import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { clipFrame, Rng } from '@vpixmix/augment-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MixingCacheError } from '../errors';
import { FractalGenerator } from '../ifs/fractal-generator';
import { FractalZoomSource } from '../sources/zoom-source';
import { CachedMixingSet, loadMixingSet } from './load-set';
import { loadMixingFolder, openMixingSet } from './open-set';
import { itemFile, MANIFEST_FILE, type MixingSetManifest } from './manifest';
import { mixingSetSpec, writeMixingSet } from './write-set';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mixing-set-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rng = Rng.seeded(0);
const small = { seed: 5, count: 5, size: 24 };

async function readManifest(folder: string): Promise<MixingSetManifest> {
  return JSON.parse(await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as MixingSetManifest;
}

describe('mixing-set disk cache', () => {
  it('writes PNGs and a manifest with generator, seed and parameters per picture; loading gives the same pictures', async () => {
    const progress: number[] = [];
    const result = await writeMixingSet(dir, { ...small, onProgress: (done) => progress.push(done) });
    expect(result.generated).toBe(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const manifest = await readManifest(dir);
    expect(manifest).toMatchObject({ generator: 'ifs', seed: 5, count: 5, width: 24, height: 24, frames: 1, complete: true });
    expect(manifest.items.map((item) => item.file)).toEqual([0, 1, 2, 3, 4].map(itemFile));
    const generator = new FractalGenerator();
    const made = generator.generate(5, 3, 24);
    expect(manifest.items[3].params).toEqual(JSON.parse(JSON.stringify(made.params)));
    const loaded = await loadMixingSet(dir, { expect: mixingSetSpec(small) });
    expect(loaded.length).toBe(5);
    const picture = loaded.picture(3, 24, 24, rng);
    // Stored as 8-bit PNG: within half a level of the float picture.
    picture.data.forEach((v, i) => expect(Math.abs(v - made.image.data[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-6));
    // Another size goes through the reference preprocessing.
    expect(loaded.picture(3, 16, 16, rng).width).toBe(16);
  });

  it('is the same bytes for the same spec, and a rerun leaves a complete set alone', async () => {
    await writeMixingSet(dir, small);
    const again = path.join(dir, 'again');
    await writeMixingSet(again, small);
    for (let i = 0; i < 5; i++) {
      expect(await fs.readFile(path.join(again, itemFile(i)))).toEqual(await fs.readFile(path.join(dir, itemFile(i))));
    }
    const rerun = await writeMixingSet(dir, small);
    expect(rerun).toMatchObject({ generated: 0, reused: 5 });
  });

  it('makes the same bytes on worker threads as in this thread, in index order', async () => {
    const spec = { seed: 8, count: 7, size: 16 };
    const single = path.join(dir, 'single');
    const parallel = path.join(dir, 'parallel');
    await writeMixingSet(single, spec);
    const progress: number[] = [];
    await writeMixingSet(parallel, { ...spec, workers: 2, checkpointEvery: 3, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await fs.readFile(path.join(parallel, MANIFEST_FILE), 'utf8')).toBe(await fs.readFile(path.join(single, MANIFEST_FILE), 'utf8'));
    await expect(writeMixingSet(path.join(dir, 'bad'), { ...spec, workers: 0 })).rejects.toThrow(/workers/);
  });

  it('validates the manifest against what is asked, with an error that says what differs and what to do', async () => {
    await writeMixingSet(dir, small);
    await expect(loadMixingSet(dir, { expect: { seed: 6 } })).rejects.toThrow(MixingCacheError);
    await expect(loadMixingSet(dir, { expect: { seed: 6, width: 32 } })).rejects.toThrow(/seed: the set has 5, asked 6; width: the set has 24, asked 32/);
    await expect(loadMixingSet(dir, { expect: { count: 9 } })).rejects.toThrow(/count: the set has 5 items, asked 9/);
    await expect(loadMixingSet(dir, { expect: mixingSetSpec({ ...small, fractal: { minColorStd: 0.1 } }) })).rejects.toThrow(/options: the set was made with/);
    expect((await loadMixingSet(dir, { expect: { count: 3 } })).length).toBe(3);
    await expect(writeMixingSet(dir, { ...small, seed: 6 })).rejects.toThrow(/already holds a different mixing set \(seed: the set has 5, asked 6\)/);
    await expect(loadMixingSet(path.join(dir, 'elsewhere'))).rejects.toThrow(/has no manifest.json/);
  });

  it('catches damaged files and manifests', async () => {
    await writeMixingSet(dir, small);
    await fs.writeFile(path.join(dir, itemFile(2)), 'garbage');
    await expect(loadMixingSet(dir)).rejects.toThrow(/00002.png does not match its sha256/);
    await fs.rm(path.join(dir, itemFile(2)));
    await expect(loadMixingSet(dir)).rejects.toThrow(/00002.png is missing/);
    await fs.writeFile(path.join(dir, MANIFEST_FILE), '{"format": "something"');
    await expect(loadMixingSet(dir)).rejects.toThrow(/is not valid JSON/);
    await fs.writeFile(path.join(dir, MANIFEST_FILE), '{"format": "something"}');
    await expect(loadMixingSet(dir)).rejects.toThrow(/format is "something"/);
  });

  it('resumes an interrupted generation without redoing what is done', async () => {
    await writeMixingSet(dir, small);
    const manifest = await readManifest(dir);
    await fs.writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, complete: false, items: manifest.items.slice(0, 3) }));
    await fs.rm(path.join(dir, itemFile(4)));
    await expect(loadMixingSet(dir)).rejects.toThrow(/generation stopped after 3 of 5 items; run the same/);
    const resumed = await writeMixingSet(dir, small);
    expect(resumed).toMatchObject({ generated: 2, reused: 3 });
    expect((await loadMixingSet(dir)).length).toBe(5);
  });

  it('opens a set (generating it once) and tells sets from plain picture folders', async () => {
    const first = await openMixingSet(dir, small);
    const again = await openMixingSet(dir, small);
    expect(again.picture(2, 24, 24, rng).data).toEqual(first.picture(2, 24, 24, rng).data);
    expect(await loadMixingFolder(dir)).toBeInstanceOf(CachedMixingSet);
    await fs.rm(path.join(dir, MANIFEST_FILE));
    const plain = await loadMixingFolder(dir);
    expect(plain).not.toBeInstanceOf(CachedMixingSet);
    expect(plain.length).toBe(5);
  });

  it('stores zoom clips as frame strips and serves them as clips', async () => {
    const spec = { generator: 'zoom' as const, seed: 2, count: 2, size: 20, frames: 4 };
    await writeMixingSet(dir, spec);
    const loaded = await loadMixingSet(dir, { expect: mixingSetSpec(spec) });
    expect(loaded.frames).toBe(4);
    const clip = loaded.clip(1, 4, 20, 20, rng);
    const fresh = new FractalZoomSource({ seed: 2, count: 2 }).clip(1, 4, 20, 20, rng);
    clip.data.forEach((v, i) => expect(Math.abs(v - fresh.data[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-6));
    expect(loaded.picture(1, 20, 20, rng).data).toEqual(clipFrame(clip, 0).data);
    expect(() => loaded.clip(0, 5, 20, 20, rng)).toThrow(/have 4 frame\(s\); asked 5/);
    expect(loaded.clip(0, 2, 12, 12, rng).frames).toBe(2);
  });
});
