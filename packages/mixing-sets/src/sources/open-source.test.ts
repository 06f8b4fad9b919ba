import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isMixingClipSource } from '@vpixmix/augment-core';
import { encodePng, writeTestVideo } from '@vpixmix/video-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedMixingSet } from '../cache/load-set';
import { writeMixingSet } from '../cache/write-set';
import { MixingFolderError } from '../errors';
import { FractalSource } from './fractal-source';
import { ImageFolderSource } from './image-folder-source';
import { VideoFramesSource } from './video-frames-source';
import { FractalZoomSource } from './zoom-source';
import { openMixingSource } from './open-source';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mixing-open-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openMixingSource', () => {
  it('opens procedural sources, generated sets, picture folders and videos from one word', async () => {
    expect(await openMixingSource('fractals', { seed: 3, count: 10 })).toBeInstanceOf(FractalSource);
    expect(isMixingClipSource(await openMixingSource('zoom'))).toBe(true);
    expect(await openMixingSource('zoom')).toBeInstanceOf(FractalZoomSource);
    await writeMixingSet(path.join(dir, 'set'), { count: 2, size: 8 });
    expect(await openMixingSource(path.join(dir, 'set'))).toBeInstanceOf(CachedMixingSet);
    await fs.mkdir(path.join(dir, 'pictures'));
    await fs.writeFile(path.join(dir, 'pictures', 'a.png'), encodePng({ width: 40, height: 40, channels: 3, data: new Uint8Array(4800).fill(90) }));
    await fs.writeFile(path.join(dir, 'pictures', 'broken.png'), 'x');
    const folder = await openMixingSource(path.join(dir, 'pictures'), { size: 32 });
    expect(folder).toBeInstanceOf(ImageFolderSource);
    expect(folder.name).toMatch(/1 pictures, 1 skipped/);
    const video = path.join(dir, 'clip.mkv');
    await writeTestVideo(video, { width: 48, height: 40, frames: 3 });
    expect(await openMixingSource(video, { size: 32 })).toBeInstanceOf(VideoFramesSource);
    await expect(openMixingSource(path.join(dir, 'nothing'))).rejects.toThrow(MixingFolderError);
  });
});
