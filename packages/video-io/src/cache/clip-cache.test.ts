import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, sameBytes, tempDir } from '../testing/fixtures';
import { readClip } from '../video/read-clip';
import { writeTestVideo } from '../video/test-video';
import { CachedVideo } from './cached-video';
import { DecodedClipCache, defaultCacheDir } from './clip-cache';

let dir: string;
let video: string;
beforeAll(async () => {
  dir = await tempDir('cache');
  video = path.join(dir, 'v.mp4');
  await writeTestVideo(video, { frames: 40, width: 64, height: 48, fps: 25, source: 'testsrc2' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('DecodedClipCache', () => {
  it('decodes a video once into the cache and serves the same frames from it', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c1') });
    expect(await cache.get(video, { size: 32 })).toBeUndefined();
    const fromFile = await collect(video, { size: 32 });
    const fromCacheFirst = await collect(video, { size: 32, cache });
    const entry = await cache.get(video, { size: 32 });
    expect(entry?.frames).toBe(40);
    const fromCache = await collect(video, { size: 32, cache, start: 5, maxFrames: 10 });
    expect(fromCache.map((f) => f.index)).toEqual([...Array(10).keys()].map((i) => i + 5));
    fromCacheFirst.forEach((f, k) => expect(sameBytes(f.data, fromFile[k].data)).toBe(true));
    fromCache.forEach((f) => expect(sameBytes(f.data, fromFile[f.index].data)).toBe(true));
    expect(await cache.sizeBytes()).toBe(4096 + 40 * 32 * 32 * 3);
  });

  it('readClip through the cache equals readClip from the file', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c2') });
    for (const options of [
      { frames: 6, stride: 2, start: 'center' as const, size: 24 },
      { frames: 5, start: 8, size: 24, fps: 10 },
    ]) {
      const direct = await readClip(video, options);
      const cached = await readClip(video, { ...options, cache });
      expect(cached.indices).toEqual(direct.indices);
      expect(sameBytes(cached.data, direct.data)).toBe(true);
    }
    expect((await filesUnder(cache.dir)).length).toBe(2); // one entry per (size, fps)
  });

  it('keys entries on the file: a rewritten video is decoded again', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c3') });
    const copy = path.join(dir, 'copy.mp4');
    await fs.copyFile(video, copy);
    const first = await cache.entryPath(copy, { size: 16 });
    await writeTestVideo(copy, { frames: 12, width: 64, height: 48, source: 'mandelbrot' });
    expect(await cache.entryPath(copy, { size: 16 })).not.toBe(first);
    expect((await cache.ensure(copy, { size: 16 })).frames).toBe(12);
  });

  it('ignores a damaged entry and a crashed writer’s temp file, and rebuilds', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c4') });
    const entry = await cache.entryPath(video, { size: 16 });
    await fs.mkdir(path.dirname(entry), { recursive: true });
    await fs.writeFile(entry, Buffer.alloc(5000, 1)); // wrong magic
    await fs.writeFile(`${entry}.123.abc.tmp`, Buffer.alloc(100));
    expect(await cache.get(video, { size: 16 })).toBeUndefined();
    const rebuilt = await cache.ensure(video, { size: 16 });
    expect(rebuilt.frames).toBe(40);
    await fs.truncate(entry, 4096 + 16 * 16 * 3 * 10); // cut short: no longer a whole entry
    expect(await cache.get(video, { size: 16 })).toBeUndefined();
  });

  it('leaves nothing behind when the video cannot be decoded', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c5') });
    const bad = path.join(dir, 'bad.mp4');
    const bytes = await fs.readFile(video);
    await fs.writeFile(bad, bytes.subarray(0, bytes.length >> 1));
    await expect(cache.ensure(bad, { size: 16 })).rejects.toMatchObject({ name: 'CorruptMediaError' });
    expect(await filesUnder(cache.dir).catch(() => [])).toEqual([]);
  });

  it('lets concurrent writers fill the same entry without corrupting it or leaving temp files', async () => {
    const cacheDir = path.join(dir, 'c6');
    // Separate instances share nothing but the folder: each decodes into its own temp file and renames.
    const writers = Array.from({ length: 3 }, () => new DecodedClipCache({ dir: cacheDir }).ensure(video, { size: 20 }));
    expect((await Promise.all(writers)).map((w) => w.frames)).toEqual([40, 40, 40]);
    const files = await filesUnder(cacheDir);
    expect(files.length).toBe(1);
    expect(files[0].endsWith('.vpxclip')).toBe(true);
    const entry = await new DecodedClipCache({ dir: cacheDir }).get(video, { size: 20 });
    const fromFile = await collect(video, { size: 20 });
    const cached = await (entry as CachedVideo).readFrames([0, 17, 39, 17]);
    [0, 17, 39, 17].forEach((k, i) => expect(sameBytes(cached[i], fromFile[k].data)).toBe(true));
  });

  it('decodes an entry once when one instance is asked for it many times at once', async () => {
    const cache = new DecodedClipCache({ dir: path.join(dir, 'c7') });
    const all = await Promise.all(Array.from({ length: 4 }, () => cache.ensure(video, { size: 8 })));
    expect(new Set(all).size).toBe(1);
  });

  it('lives in VPIXMIX_CACHE_DIR when set', () => {
    const saved = process.env.VPIXMIX_CACHE_DIR;
    process.env.VPIXMIX_CACHE_DIR = '/somewhere/else';
    try {
      expect(defaultCacheDir()).toBe('/somewhere/else');
      expect(new DecodedClipCache().dir).toBe('/somewhere/else');
    } finally {
      if (saved === undefined) delete process.env.VPIXMIX_CACHE_DIR;
      else process.env.VPIXMIX_CACHE_DIR = saved;
    }
  });
});
