import { describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { clipFrame, clipFromFrames, createImage, type ClipU8 } from '../image';
import { oneHot } from '../baselines';
import { Rng } from '../rng';
import { randomImage } from '../testing/images';
import { applyClipCrop, applyClipResizedCrop, sampleClipCrop, sampleClipResizedCrop } from './clip-spatial';
import { sampleTemporal, selectFrames } from './clip-temporal';
import { applyVideomix, sampleVideomix } from './videomix';

function clipOf(frames: number, width = 12, height = 10, seed = 0): ClipU8 {
  return clipFromFrames(Array.from({ length: frames }, (_, t) => randomImage(width, height, `${seed}-${t}`)));
}

describe('clip-consistent spatial transforms', () => {
  it('crops (and flips) every frame at the same place', () => {
    const clip = clipOf(4);
    const params = { top: 2, left: 3, width: 5, height: 4, flip: true };
    const out = applyClipCrop(clip, params);
    expect([out.frames, out.width, out.height]).toEqual([4, 5, 4]);
    for (let t = 0; t < 4; t++) {
      const frame = clipFrame(clip, t);
      const cropped = clipFrame(out, t);
      for (let y = 0; y < 4; y++) {
        for (let x = 0; x < 5; x++) {
          const sx = 3 + (4 - x);
          expect(cropped.data[(y * 5 + x) * 3 + 1]).toBe(frame.data[((2 + y) * 12 + sx) * 3 + 1]);
        }
      }
    }
  });

  it('draws one box per clip: crops fit, resized crops follow scale and ratio', () => {
    const rng = Rng.seeded(1);
    for (let i = 0; i < 200; i++) {
      const crop = sampleClipCrop(rng, { width: 12, height: 10 }, 8, 8);
      expect(crop.top + 8 <= 10 && crop.left + 8 <= 12).toBe(true);
      const box = sampleClipResizedCrop(rng, { width: 40, height: 30 }, { scale: [0.3, 1] });
      expect(box.top + box.height <= 30 && box.left + box.width <= 40).toBe(true);
    }
    const out = applyClipResizedCrop(clipOf(3), { top: 1, left: 1, width: 6, height: 6, flip: false }, 12, 12);
    expect([out.frames, out.width, out.height]).toEqual([3, 12, 12]);
    expect(() => sampleClipCrop(rng, { width: 12, height: 10 }, 13, 4)).toThrow(/does not fit/);
  });

  it('resizes a constant clip to the same constant (bilinear weights sum to one)', () => {
    const flat = clipFromFrames([createImage(8, 8, new Uint8Array(192).fill(77))]);
    const out = applyClipResizedCrop(flat, { top: 1, left: 2, width: 5, height: 3, flip: true }, 13, 9);
    expect(new Set(out.data)).toEqual(new Set([77]));
  });
});

describe('temporal sampling', () => {
  it('picks T frames stride apart from a random or centred start, and says when the clip is too short', () => {
    const rng = Rng.seeded(2);
    const starts = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const idx = sampleTemporal(rng, 20, { frames: 4, stride: 3 });
      expect(idx[1] - idx[0]).toBe(3);
      expect(idx[3]).toBeLessThan(20);
      starts.add(idx[0]);
    }
    expect(starts).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(sampleTemporal(null, 20, { frames: 4, stride: 3, start: 'center' })).toEqual([5, 8, 11, 14]);
    expect(() => sampleTemporal(rng, 5, { frames: 4, stride: 2 })).toThrow(/span 7 frames; the clip has 5/);
    expect(sampleTemporal(rng, 5, { frames: 4, stride: 2, short: 'loop' })).toEqual([0, 2, 4, 1]);
    expect(sampleTemporal(rng, 5, { frames: 4, stride: 2, short: 'clamp' })).toEqual([0, 2, 4, 4]);
    const clip = clipOf(5);
    expect(selectFrames(clip, [4, 0]).data).toEqual(Uint8Array.from([...clipFrame(clip, 4).data, ...clipFrame(clip, 0).data]));
    expect(() => selectFrames(clip, [5])).toThrow(AugmentArgumentError);
  });
});

describe('VideoMix', () => {
  it('pastes a cuboid from the partner and mixes labels by voxel share', () => {
    const clips = [clipOf(4, 12, 10, 1), clipOf(4, 12, 10, 2), clipOf(4, 12, 10, 3)];
    const labels = [oneHot(0, 3), oneHot(1, 3), oneHot(2, 3)];
    for (const mode of ['spatial', 'spatiotemporal'] as const) {
      for (let seed = 0; seed < 10; seed++) {
        const params = sampleVideomix(Rng.seeded(seed), 3, clips[0], { mode });
        const { clips: out, labels: soft } = applyVideomix(clips, labels, params);
        const [x1, x2, y1, y2] = params.box;
        const [t1, t2] = params.span;
        if (mode === 'spatial') expect([t1, t2]).toEqual([0, 4]);
        expect(params.lambda).toBeCloseTo(1 - ((x2 - x1) * (y2 - y1) * (t2 - t1)) / (12 * 10 * 4), 12);
        const i = 0;
        const partner = params.partners[i];
        let taken = 0;
        for (let j = 0; j < out[i].data.length; j++) if (out[i].data[j] !== Math.fround(clips[i].data[j] / 255)) taken++;
        if (partner !== i) expect(taken).toBeLessThanOrEqual((x2 - x1) * (y2 - y1) * (t2 - t1) * 3);
        expect(soft[i][0] + soft[i][1] + soft[i][2]).toBeCloseTo(1, 6);
        if (partner !== i) expect(soft[i][i]).toBeCloseTo(params.lambda, 6);
      }
    }
    expect(() => applyVideomix([clips[0], clipOf(3)], labels.slice(0, 2), sampleVideomix(Rng.seeded(0), 2, clips[0]))).toThrow(/clips\[1\]: is 3x12x10/);
  });
});
