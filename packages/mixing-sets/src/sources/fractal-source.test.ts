import { isMixingClipSource, Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { MixingArgumentError } from '../errors';
import { FractalGenerator } from '../ifs/fractal-generator';
import { FractalZoomSource } from './zoom-source';
import { FractalSource } from './fractal-source';

describe('FractalSource', () => {
  it('serves generator pictures by index, wrapping modulo its length', () => {
    const source = new FractalSource({ seed: 3, count: 4 });
    expect(source.length).toBe(4);
    expect(isMixingClipSource(source)).toBe(false);
    const picture = source.picture(1, 32, 32, Rng.seeded(0));
    expect(picture.data).toEqual(new FractalGenerator().generate(3, 1, 32).image.data);
    expect(source.picture(5, 32, 32, Rng.seeded(9)).data).toEqual(picture.data);
    expect(source.picture(-3, 32, 32, Rng.seeded(9)).data).toEqual(picture.data);
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
    expect(isMixingClipSource(new FractalZoomSource())).toBe(true);
  });
});
