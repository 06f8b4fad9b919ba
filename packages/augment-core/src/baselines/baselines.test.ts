import { describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { createImage } from '../image';
import { AUGMENTATIONS } from '../ops';
import { Rng } from '../rng';
import { randomImage } from '../testing/images';
import { CHI2_999, chiSquare } from '../testing/stats';
import { applyAugmix, augmix, sampleAugmix } from './augmix';
import { applyAutoAugment, AUTOAUGMENT_CIFAR10, autoAugment, sampleAutoAugment } from './autoaugment';
import { applyCutmix, cutmix } from './cutmix';
import { applyCutout, cutout } from './cutout';
import { oneHot } from './labels';
import { mixup } from './mixup';
import { applyStandard, sampleStandard } from './standard';

/** A 4x4 image whose red channel numbers the pixels 1..16. */
function numbered() {
  const data = new Uint8Array(48);
  for (let p = 0; p < 16; p++) data[p * 3] = p + 1;
  return createImage(4, 4, data);
}
const red = (data: ArrayLike<number>) => Array.from({ length: data.length / 3 }, (_, p) => data[p * 3]);

describe('standard (flip + crop with zero padding)', () => {
  it('is the identity at the centre crop without flip, mirrors with flip, and shifts in zeros', () => {
    const image = numbered();
    expect(red(applyStandard(image, { flip: false, top: 1, left: 1, padding: 1 }).data)).toEqual(red(image.data));
    expect(red(applyStandard(image, { flip: true, top: 1, left: 1, padding: 1 }).data).slice(0, 4)).toEqual([4, 3, 2, 1]);
    // top = 0: the crop starts one row into the padding, so the first row is zeros and rows move down.
    expect(red(applyStandard(image, { flip: false, top: 0, left: 2, padding: 1 }).data)).toEqual([0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0]);
  });

  it('draws flips half the time and offsets uniformly over 0..2p', () => {
    const rng = Rng.seeded(4);
    const offsets = new Array(9).fill(0);
    let flips = 0;
    for (let i = 0; i < 9000; i++) {
      const p = sampleStandard(rng, { width: 32, height: 32 });
      offsets[p.top]++;
      if (p.flip) flips++;
    }
    expect(chiSquare(offsets, offsets.map(() => 1 / 9))).toBeLessThan(CHI2_999[8]);
    expect(Math.abs(flips / 9000 - 0.5)).toBeLessThan(0.03);
  });
});

describe('cutout', () => {
  it('fills a length x length square, clipped at the border, with the fill value', () => {
    const image = randomImage(32, 32, 1);
    const out = applyCutout(image, { centres: [[0, 31]], length: 16, fill: 0.5 });
    let filled = 0;
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) if (y < 8 && x >= 23) filled += out.data[(y * 32 + x) * 3] === 128 ? 1 : 0;
    expect(filled).toBe(8 * 9);
    expect(out.data[(20 * 32 + 5) * 3]).toBe(image.data[(20 * 32 + 5) * 3]);
    const { params } = cutout(image, Rng.seeded(1));
    expect(params.centres).toHaveLength(1);
  });
});

describe('mixup and cutmix', () => {
  const images = [0, 1, 2, 3].map((s) => randomImage(8, 8, s));
  const labels = [0, 1, 2, 0].map((l) => oneHot(l, 3));

  it('mixup mixes images and soft labels with the same lambda', () => {
    const { images: out, labels: soft, params } = mixup(images, labels, Rng.seeded(2));
    const partner = params.partners[1];
    const expected = params.lambda * (images[1].data[5] / 255) + (1 - params.lambda) * (images[partner].data[5] / 255);
    expect(out[1].data[5]).toBeCloseTo(expected, 6);
    for (const label of soft) expect(label.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('cutmix pastes the box and weights labels by the pixels each image keeps', () => {
    const { images: out, labels: soft, params } = cutmix(images, labels, Rng.seeded(5));
    const [x1, x2, y1, y2] = params.box;
    expect(params.lambda).toBeCloseTo(1 - ((x2 - x1) * (y2 - y1)) / 64, 12);
    const partner = params.partners[0];
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const inside = x >= x1 && x < x2 && y >= y1 && y < y2;
        const from = inside ? images[partner] : images[0];
        expect(out[0].data[(y * 8 + x) * 3]).toBe(Math.fround(from.data[(y * 8 + x) * 3] / 255));
      }
    }
    expect(soft[0][0] + soft[0][1] + soft[0][2]).toBeCloseTo(1, 6);
    const untouched = applyCutmix(images, labels, { applied: false, partners: [0, 1, 2, 3], box: [0, 0, 0, 0], lambda: 1 });
    expect(untouched.images[2].data[7]).toBeCloseTo(images[2].data[7] / 255, 7);
    expect(() => cutmix(images, labels.slice(1), Rng.seeded(1))).toThrow(AugmentArgumentError);
  });
});

describe('AutoAugment (CIFAR-10 policy)', () => {
  it('draws sub-policies uniformly, fires steps with their probabilities and replays', () => {
    const rng = Rng.seeded(8);
    const counts = new Array(25).fill(0);
    let neverFired = 0;
    for (let i = 0; i < 10_000; i++) {
      const p = sampleAutoAugment(rng, { width: 32, height: 32 });
      counts[p.policy]++;
      if (p.policy === 14 && p.ops.some((o) => o.op === 'invert')) neverFired++;
    }
    expect(chiSquare(counts, counts.map(() => 1 / 25))).toBeLessThan(52.6); // df 24, p = 0.001
    expect(neverFired).toBe(0); // (Invert, 0.0) in sub-policy 14
    const image = randomImage(32, 32, 3);
    const { image: out, params } = autoAugment(image, Rng.seeded(3));
    expect(applyAutoAugment(image, params).data).toEqual(out.data);
    expect(AUTOAUGMENT_CIFAR10).toHaveLength(25);
  });
});

describe('AugMix', () => {
  const image = randomImage(16, 16, 6);

  it('returns the clean image and two different views in [0, 1], replayable from params', () => {
    const { clean, views, params } = augmix(image, Rng.seeded(1));
    expect(clean.data[0]).toBe(Math.fround(image.data[0] / 255));
    expect(views[0].data).not.toEqual(views[1].data);
    for (const v of views[0].data) expect(v >= 0 && v <= 1).toBe(true);
    expect(applyAugmix(image, params[0]).data).toEqual(views[0].data);
    expect(params[0].weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
  });

  it('uses width chains of 1..3 ops from the 9 ops, and m = 0 gives the clean image', () => {
    const rng = Rng.seeded(2);
    const depths = new Set<number>();
    const names = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const p = sampleAugmix(rng, image);
      expect(p.chains).toHaveLength(3);
      for (const chain of p.chains) {
        depths.add(chain.length);
        for (const op of chain) names.add(op.op);
      }
    }
    expect(depths).toEqual(new Set([1, 2, 3]));
    expect(names).toEqual(new Set(AUGMENTATIONS.map((op) => op.name)));
    const p = sampleAugmix(rng, image);
    expect(applyAugmix(image, { ...p, m: 0 }).data).toEqual(augmix(image, rng).clean.data);
  });
});
