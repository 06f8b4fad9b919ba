import { describe, expect, it } from 'vitest';
import { clipFrame } from '@vpixmix/augment-core';
import { Rng } from '@vpixmix/augment-core';
import { ImageTooSmallError, UnknownCorruptionError } from './errors';
import { EXTRA_PERTURBATION_NAMES, PERTURBATION_NAMES, getPerturbation, perturbations } from './perturbations/registry';
import { createSpatterSequence } from './perturbations/weather-sequences';
import { goldenImage } from './test-images';

const scene = goldenImage('scene32');

/** Frames per sequence in the published CIFAR-10-P files. */
const PUBLISHED: Record<string, number> = {
  gaussian_noise: 31,
  shot_noise: 31,
  motion_blur: 21,
  zoom_blur: 31,
  spatter: 31,
  brightness: 31,
  translate: 16,
  rotate: 31,
  tilt: 31,
  scale: 31,
  gaussian_noise_2: 31,
  gaussian_noise_3: 31,
  shot_noise_2: 31,
  shot_noise_3: 31,
  speckle_noise: 31,
  speckle_noise_2: 31,
  speckle_noise_3: 31,
  gaussian_blur: 31,
  snow: 31,
  shear: 31,
};

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('-P perturbation sequences', () => {
  it('are the 10 of the CIFAR-P evaluation plus the archives’ extras', () => {
    expect(PERTURBATION_NAMES).toEqual(['gaussian_noise', 'shot_noise', 'motion_blur', 'zoom_blur', 'spatter', 'brightness', 'translate', 'rotate', 'tilt', 'scale']);
    expect(Object.keys(perturbations).sort()).toEqual([...PERTURBATION_NAMES, ...EXTRA_PERTURBATION_NAMES].sort());
  });

  it.each(Object.keys(PUBLISHED))('%s has the published length, the image size, and is deterministic', (name) => {
    const p = getPerturbation(name);
    const a = p.sequence(scene, Rng.seeded(11));
    expect(p.frames).toBe(PUBLISHED[name]);
    expect([a.frames, a.width, a.height, a.data.length]).toEqual([PUBLISHED[name], 32, 32, PUBLISHED[name] * 32 * 32 * 3]);
    expect(same(a.data, p.sequence(scene, Rng.seeded(11)).data)).toBe(true);
    // consecutive frames differ: the perturbation moves (a few snow steps 4° apart can blur the
    // same; spatter's frames turn black and stay so once the water has run out, as the reference's)
    if (name === 'spatter') return;
    const changes = Array.from({ length: a.frames - 1 }, (_, t) => !same(clipFrame(a, t).data, clipFrame(a, t + 1).data));
    expect(changes.filter(Boolean).length).toBeGreaterThanOrEqual(Math.floor(0.8 * (a.frames - 1)));
  });

  it('noise sequences start from the clean image and are scored against it', () => {
    for (const name of ['gaussian_noise', 'shot_noise', 'speckle_noise', 'gaussian_noise_3', 'shot_noise_2']) {
      const p = getPerturbation(name);
      expect(p.noise).toBe(true);
      const clip = p.sequence(scene, Rng.seeded(1));
      expect(same(clipFrame(clip, 0).data, scene.data)).toBe(true);
    }
    expect(PERTURBATION_NAMES.filter((n) => getPerturbation(n).noise)).toEqual(['gaussian_noise', 'shot_noise']);
  });

  it('geometric sequences pass through the untouched image at their centre', () => {
    expect(same(clipFrame(getPerturbation('rotate').sequence(scene, Rng.seeded(1)), 15).data, scene.data)).toBe(true);
    expect(same(clipFrame(getPerturbation('translate').sequence(scene, Rng.seeded(1)), 7).data, scene.data)).toBe(true);
    expect(same(clipFrame(getPerturbation('scale').sequence(scene, Rng.seeded(1)), 15).data, scene.data)).toBe(true);
    // tilt's centre frame is not the image: the reference's homography scales by f / (1 + f) at 0°.
  });

  it('translate shifts by one pixel per frame', () => {
    const clip = getPerturbation('translate').sequence(scene, Rng.seeded(1));
    const f8 = clipFrame(clip, 8).data; // shifted right by 1
    for (let y = 0; y < 32; y++) {
      expect(Array.from(f8.subarray((y * 32 + 1) * 3, (y * 32 + 32) * 3))).toEqual(Array.from(scene.data.subarray(y * 32 * 3, (y * 32 + 31) * 3)));
      expect(Array.from(f8.subarray(y * 32 * 3, y * 32 * 3 + 3))).toEqual([0, 0, 0]);
    }
  });

  it('brightness rises through the sequence', () => {
    const clip = getPerturbation('brightness').sequence(scene, Rng.seeded(1));
    const mean = (t: number) => clipFrame(clip, t).data.reduce((s, v) => s + v, 0);
    for (let t = 1; t < clip.frames; t++) expect(mean(t)).toBeGreaterThanOrEqual(mean(t - 1));
    expect(mean(30)).toBeGreaterThan(mean(0));
  });

  it("spatter's water flows down: 'unchanged' differs from 'reference' only on frames without water", () => {
    const reference = createSpatterSequence('reference').sequence(scene, Rng.seeded(3));
    const unchanged = createSpatterSequence('unchanged').sequence(scene, Rng.seeded(3));
    for (let t = 0; t < 31; t++) {
      const r = clipFrame(reference, t).data;
      const u = clipFrame(unchanged, t).data;
      if (!same(r, u)) {
        expect(r.every((v) => v === 0)).toBe(true);
        expect(same(u, scene.data)).toBe(true);
      }
    }
  });

  it('rejects unknown names and pictures too small', () => {
    expect(() => getPerturbation('wobble')).toThrow(UnknownCorruptionError);
    expect(() => getPerturbation('wobble')).toThrow(/unknown perturbation 'wobble'; choose one of: gaussian_noise/);
    const tiny = { width: 2, height: 2, channels: 3 as const, data: new Uint8Array(12) };
    expect(() => getPerturbation('spatter').sequence(tiny, Rng.seeded(1))).toThrow(ImageTooSmallError);
  });
});
