import { describe, expect, it } from 'vitest';
import { clipFrame, clipFromFrames, createImage, normalizeSigned, toFloat, toUint8 } from './image';

describe('image helpers', () => {
  it('round-trips uint8 through float exactly', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => (i * 37) % 256);
    const image = createImage(2, 3, data);
    expect(Array.from(toUint8(toFloat(image)).data)).toEqual(Array.from(data));
  });

  it('normalizes to 2x - 1', () => {
    const image = createImage(1, 1, Uint8Array.from([0, 255, 51]));
    const out = normalizeSigned(image);
    expect(out[0]).toBeCloseTo(-1);
    expect(out[1]).toBeCloseTo(1);
    expect(out[2]).toBeCloseTo(-0.6);
  });

  it('stacks frames into a clip and views them back', () => {
    const a = createImage(2, 2, new Uint8Array(12).fill(1));
    const b = createImage(2, 2, new Uint8Array(12).fill(2));
    const clip = clipFromFrames([a, b]);
    expect(clip.frames).toBe(2);
    expect(Array.from(clipFrame(clip, 1).data)).toEqual(Array.from(b.data));
  });

  it('names the argument when shapes are wrong', () => {
    expect(() => createImage(2, 2, new Uint8Array(11))).toThrow(/data: expected 2x2x3 = 12/);
    const a = createImage(2, 2, new Uint8Array(12));
    const c = createImage(3, 2, new Uint8Array(18));
    expect(() => clipFromFrames([a, c])).toThrow(/frames\[1\]/);
  });
});
