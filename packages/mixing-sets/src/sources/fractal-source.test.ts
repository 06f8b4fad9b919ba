import { isMixingClipSource, Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { MixingArgumentError } from '../errors';
import { FractalGenerator } from '../ifs/fractal-generator';
import { crop, resizeShorterSide } from '../preprocess/reference-preprocess';
import { FractalZoomSource } from './zoom-source';
import { FractalSource } from './fractal-source';

describe('FractalSource', () => {
  it("with preprocess 'none', serves generator pictures by index, wrapping modulo its length", () => {
    const source = new FractalSource({ seed: 3, count: 4, preprocess: 'none' });
    expect(source.length).toBe(4);
    expect(isMixingClipSource(source)).toBe(false);
    const picture = source.picture(1, 32, 32, Rng.seeded(0));
    expect(picture.data).toEqual(new FractalGenerator().generate(3, 1, 32).image.data);
    expect(source.picture(5, 32, 32, Rng.seeded(9)).data).toEqual(picture.data);
    expect(source.picture(-3, 32, 32, Rng.seeded(9)).data).toEqual(picture.data);
  });

  it('by default preprocesses as the reference: rendered at twice the resize target, Resize(size * 36 / 32), a fresh RandomCrop per draw', () => {
    const source = new FractalSource({ seed: 3, count: 4 });
    // 16 px: Resize(18) of a 36 px rendering, then a 16 px window at one of 3 x 3 offsets.
    const resized = resizeShorterSide(new FractalGenerator().generate(3, 1, 36).image, 18);
    expect(source.beforeCrop(1, 16, 16).data).toEqual(resized.data);
    const seen = new Map<string, number>();
    for (let draw = 0; draw < 900; draw++) {
      const rng = Rng.seeded(7, draw);
      const probe = rng.clone();
      const top = probe.int(0, 3);
      const left = probe.int(0, 3);
      const picture = source.picture(5, 16, 16, rng);
      expect(picture.data).toEqual(crop(resized, top, left, 16, 16).data);
      seen.set(`${top},${left}`, (seen.get(`${top},${left}`) ?? 0) + 1);
    }
    // Every one of the nine crops turns up, each about 100 times in 900 draws.
    expect(seen.size).toBe(9);
    for (const count of seen.values()) expect(count).toBeGreaterThan(60);
  });

  it('draws differ per draw by default: the same index twice is not the same picture (the fixed-picture defect of vpixmix 0.1)', () => {
    const source = new FractalSource({ seed: 3, count: 4 });
    const distinct = new Set<string>();
    for (let draw = 0; draw < 20; draw++) distinct.add(Buffer.from(source.picture(2, 32, 32, Rng.seeded(draw)).data.buffer).toString('base64'));
    expect(distinct.size).toBeGreaterThan(4);
    const fixed = new FractalSource({ seed: 3, count: 4, preprocess: 'none' });
    expect(fixed.picture(2, 32, 32, Rng.seeded(0)).data).toEqual(fixed.picture(2, 32, 32, Rng.seeded(1)).data);
  });

  it('hands out copies, so a caller writing into a picture cannot spoil the memo', () => {
    const source = new FractalSource({ seed: 3, count: 2 });
    const first = source.picture(0, 16, 16, Rng.seeded(0));
    const kept = first.data.slice();
    first.data.fill(0);
    expect(source.picture(0, 16, 16, Rng.seeded(0)).data).toEqual(kept);
  });

  it('validates its options', () => {
    expect(() => new FractalSource({ count: 0 })).toThrow(MixingArgumentError);
    expect(() => new FractalSource({ memoBytes: -1 })).toThrow(/memoBytes/);
    expect(() => new FractalSource({ preprocess: 'crop' as never })).toThrow(/preprocess/);
    expect(() => new FractalSource({ renderScale: 0.5 })).toThrow(/renderScale/);
    expect(() => new FractalSource().picture(0, 16, 16)).toThrow(/rng/);
    expect(isMixingClipSource(new FractalZoomSource())).toBe(true);
  });
});
