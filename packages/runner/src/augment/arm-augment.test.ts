import { type Clip, type Image, type ImageU8, type MixingSource, Rng, frameDifferences, staticClip } from '@vpixmix/augment-core';
import { openShapes } from '@vpixmix/datasets';
import { FractalSource, FractalZoomSource } from '@vpixmix/mixing-sets';
import { describe, expect, it } from 'vitest';
import { recipeSchema, type RecipeArm } from '../recipe/schema';
import { armAugmentation } from './arm-augment';
import { openMixingSource } from './mixing';

function arm(augment: Record<string, unknown>, mixing?: Record<string, unknown>): RecipeArm {
  const recipe = recipeSchema.parse({ data: { dataset: 'shapes' }, model: { name: 'wrn-10-1' }, training: { epochs: 1 }, arms: [{ name: 'a', augment, ...(mixing ? { mixing } : {}) }] });
  return recipe.arms[0];
}

const image = openShapes('test', { testSize: 4 }).item(1).image as ImageU8;
const fractals = new FractalSource({ seed: 0, count: 8 });
/** The value, or a failed expectation when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const same = (a: Image | Clip, b: Image | Clip) => Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength));

describe('armAugmentation', () => {
  it.each([
    [{ preset: 'standard' }, undefined],
    [{ preset: 'cutout' }, undefined],
    [{ preset: 'autoaugment' }, undefined],
    [{ preset: 'augmix' }, undefined],
    [{ preset: 'pixmix', k: 4, beta: 3 }, { source: 'fractals', count: 8 }],
  ])('%o keeps the size, changes the picture and depends only on the stream', (augment, mixing) => {
    const { sample } = armAugmentation(arm(augment, mixing), fractals);
    const run = (seed: number) => must(sample)(image, Rng.seeded(seed)) as Image;
    const out = run(3);
    expect([out.width, out.height, out.data.length]).toEqual([32, 32, 32 * 32 * 3]);
    expect(same(out, run(3))).toBe(true);
    const original = { ...image, data: out.data instanceof Uint8Array ? image.data : Float32Array.from(image.data, (v) => v / 255) };
    const changed = [3, 4, 5, 6].some((s) => !same(run(s), original));
    expect(changed).toBe(true);
  });

  it('none leaves samples alone; pixmix describes its resolved settings', () => {
    expect(armAugmentation(arm({ preset: 'none' }), undefined).sample).toBeUndefined();
    expect(armAugmentation(arm({ preset: 'pixmix' }, { source: 'fractals', count: 8 }), fractals).description).toBe(
      'crop + flip, then PixMix (k 4, beta 3, severity 3, allOps true) with procedural fractals (8, seed 0, resize + random crop per draw)',
    );
  });

  it("a recipe's fractals reach PixMix as the reference's mixing set does: a fresh Resize + RandomCrop per sample, unless preprocess: none", async () => {
    const defaults = must(arm({ preset: 'pixmix' }, { source: 'fractals', count: 4 }).mixing);
    expect(defaults).toMatchObject({ source: 'fractals', preprocess: 'reference' });
    const source = await openMixingSource(defaults, 16, 1);
    const draws = new Set(Array.from({ length: 24 }, (_, s) => Buffer.from(source.picture(1, 16, 16, Rng.seeded(s)).data.buffer).toString('base64')));
    expect(draws.size).toBeGreaterThan(4);
    const fixed = await openMixingSource(must(arm({ preset: 'pixmix' }, { source: 'fractals', count: 4, preprocess: 'none' }).mixing), 16, 1);
    expect(same(fixed.picture(1, 16, 16, Rng.seeded(0)), fixed.picture(1, 16, 16, Rng.seeded(1)))).toBe(true);
    expect(armAugmentation(arm({ preset: 'pixmix' }, { source: 'fractals', count: 8, preprocess: 'none' }), fractals).description).toMatch(/fixed: no resize \+ random crop/);
  });

  it('flip: false crops without ever mirroring', () => {
    // Bright left half, dark right half: a mirror puts the bright side on the right.
    const halves: ImageU8 = { width: 32, height: 32, channels: 3, data: Uint8Array.from({ length: 32 * 32 * 3 }, (_, i) => (Math.floor(i / 3) % 32 < 16 ? 255 : 0)) };
    const mirrored = (augment: Record<string, unknown>) =>
      [...Array(40).keys()].filter((seed) => {
        const out = must(armAugmentation(arm(augment), undefined).sample)(halves, Rng.seeded(seed)) as ImageU8;
        return out.data[(16 * 32 + 2) * 3] < out.data[(16 * 32 + 29) * 3];
      }).length;
    expect(mirrored({ preset: 'standard', flip: false })).toBe(0);
    expect(mirrored({ preset: 'standard' })).toBeGreaterThan(5);
    expect(armAugmentation(arm({ preset: 'standard', flip: false }), undefined).description).toBe('random crop (zero padding), no flip');
  });

  it('mixup and cutmix mix whole batches and their labels', () => {
    for (const preset of ['mixup', 'cutmix']) {
      const { mixBatch } = armAugmentation(arm({ preset, alpha: 1 }), undefined);
      const n = 4;
      const xs = Float32Array.from({ length: n * 32 * 32 * 3 }, (_, i) => (Math.floor(i / 3072) % 2 ? 1 : -1));
      const ys = new Float32Array(n * 10);
      for (let i = 0; i < n; i++) ys[i * 10 + i] = 1;
      must(mixBatch)({ xs, ys, shape: [n, 32, 32, 3], numClasses: 10 }, Rng.seeded(preset === 'mixup' ? 1 : 5));
      for (let i = 0; i < n; i++) expect(ys.slice(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect([...ys].some((v) => v > 0 && v < 1), preset).toBe(true);
      expect(new Set(xs).size, preset).toBeGreaterThan(1);
    }
  });

  it('augmix with the JSD term hands out the clean image and two views', () => {
    const { views } = armAugmentation(arm({ preset: 'augmix' }), undefined);
    const [clean, a, b] = must(views)(image, Rng.seeded(1));
    expect(same(a, b)).toBe(false);
    expect(clean.data.length).toBe(a.data.length);
  });

  describe('clips', () => {
    const clip = staticClip(image, 6);
    const zoom = new FractalZoomSource({ seed: 0, count: 4 });
    const flicker = (augment: Record<string, unknown>, mixing: Record<string, unknown> | undefined, source: MixingSource = fractals) =>
      frameDifferences(must(armAugmentation(arm(augment, mixing), source).sample)(clip, Rng.seeded(2)) as Clip).mean;

    it('standard crop + flip is drawn once per clip', () => {
      expect(flicker({ preset: 'standard' }, undefined)).toBe(0);
    });

    it('V-PixMix variants freeze what they say: naive flickers, single-picture is still, fractal-zoom moves a little', () => {
      const naive = flicker({ preset: 'vpixmix', variant: 'naive' }, { source: 'fractals', count: 8 });
      const single = flicker({ preset: 'vpixmix', variant: 'single-picture' }, { source: 'fractals', count: 8 });
      const zoomed = flicker({ preset: 'vpixmix', variant: 'fractal-zoom' }, { source: 'fractal-zoom', count: 4 }, zoom);
      expect(single).toBe(0);
      expect(naive).toBeGreaterThan(zoomed);
      expect(zoomed).toBeGreaterThan(0);
    });
  });
});
