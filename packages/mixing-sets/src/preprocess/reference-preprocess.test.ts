import { Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { crop, referencePreprocess, resizeShorterSide, resizeTarget, sampleCrop, shorterSideSize } from './reference-preprocess';

function gradient(width: number, height: number) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x % 256, y % 256, (x + y) % 256], (y * width + x) * 3);
  return { width, height, channels: 3 as const, data };
}

describe('the reference preprocessing: Resize(size * 36 / 32) + RandomCrop(size)', () => {
  it('resizes the shorter side to 36 for 32 (and 126 for 112, 252 for 224), keeping the aspect as torchvision does', () => {
    expect(resizeTarget(32, 32)).toBe(36);
    expect(resizeTarget(112, 112)).toBe(126);
    expect(resizeTarget(224, 224)).toBe(252);
    expect(shorterSideSize(100, 75, 36)).toEqual({ width: 48, height: 36 });
    expect(shorterSideSize(75, 101, 36)).toEqual({ width: 36, height: 48 });
  });

  it('draws the crop as RandomCrop: top = randint(0, h - th + 1), then left', () => {
    const image = { width: 48, height: 36 };
    const rng = Rng.seeded(3);
    const check = Rng.seeded(3);
    for (let i = 0; i < 20; i++) {
      const { top, left } = sampleCrop(rng, image, 32, 32);
      expect(top).toBe(check.int(0, 5));
      expect(left).toBe(check.int(0, 17));
    }
    expect(() => sampleCrop(rng, image, 49, 32)).toThrow(/cannot crop 49x32 out of 48x36/);
  });

  it('crops the window it drew, as float [0, 1]', () => {
    const image = gradient(48, 36);
    const out = crop(image, 2, 5, 3, 2);
    expect(Array.from(out.data.subarray(0, 3)).map((v) => Math.round(v * 255))).toEqual([5, 2, 7]);
    expect(Array.from(out.data.subarray(15, 18)).map((v) => Math.round(v * 255))).toEqual([7, 3, 10]);
  });

  it('is the same whether the picture was resized before (at load) or now', () => {
    const big = gradient(100, 75);
    const direct = referencePreprocess(big, 32, 32, Rng.seeded(8));
    const early = referencePreprocess(resizeShorterSide(big, 36), 32, 32, Rng.seeded(8));
    expect(direct.width).toBe(32);
    expect(early.data).toEqual(direct.data);
  });
});
