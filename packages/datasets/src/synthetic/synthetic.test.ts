import { Rng } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { motionClasses, openMotion, openMotionHeldOut } from './motion';
import { noisePicture, openNoiseClips, openNoiseImages } from './noise';
import { openShapes, openShapesHeldOut } from './shapes';
import { heldOutShapes, shapeClasses } from './shape-library';

/** Accuracy of the nearest class-mean classifier on raw pixels: near chance means colour, place and brightness do not give the class away. */
function nearestMeanAccuracy(train: { x: Float64Array[]; y: number[] }, test: { x: Float64Array[]; y: number[] }, classes: number): number {
  const dim = train.x[0].length;
  const means = Array.from({ length: classes }, () => new Float64Array(dim));
  const counts = new Array(classes).fill(0);
  train.x.forEach((x, i) => {
    counts[train.y[i]]++;
    for (let d = 0; d < dim; d++) means[train.y[i]][d] += x[d];
  });
  means.forEach((m, c) => m.forEach((_, d) => (m[d] /= counts[c])));
  let correct = 0;
  test.x.forEach((x, i) => {
    let best = -1;
    let bestDist = Infinity;
    means.forEach((m, c) => {
      let dist = 0;
      for (let d = 0; d < dim; d++) dist += (x[d] - m[d]) ** 2;
      if (dist < bestDist) [best, bestDist] = [c, dist];
    });
    if (best === test.y[i]) correct++;
  });
  return correct / test.x.length;
}

describe('shapes', () => {
  it('is the same bytes for the same seed, and differs by seed and split', () => {
    const a = openShapes('train', { trainSize: 50 });
    const b = openShapes('train', { trainSize: 50 });
    for (const i of [0, 17, 49]) expect(Array.from(a.item(i).image.data)).toEqual(Array.from(b.item(i).image.data));
    expect(Array.from(openShapes('train', { seed: 1, trainSize: 50 }).item(3).image.data)).not.toEqual(Array.from(a.item(3).image.data));
    expect(Array.from(openShapes('test', { testSize: 50 }).item(3).image.data)).not.toEqual(Array.from(a.item(3).image.data));
  });

  it('has 10 balanced classes of 32x32 uint8 images and a held-out companion', () => {
    const ds = openShapes('test');
    expect([ds.length, ds.numClasses, ds.width, ds.height]).toEqual([2000, 10, 32, 32]);
    expect(ds.classNames).toEqual(shapeClasses);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < ds.length; i++) counts[ds.label(i)]++;
    expect(counts).toEqual(new Array(10).fill(200));
    const { image } = ds.item(5);
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(image.data.length).toBe(3072);
    const held = openShapesHeldOut({ length: 30 });
    expect(held.classNames).toEqual(heldOutShapes);
    expect(held.length).toBe(30);
  });

  it('is not solvable from colour or position: nearest class mean is near chance', () => {
    const take = (split: 'train' | 'test', n: number) => {
      const ds = openShapes(split, { trainSize: n, testSize: n });
      const x = Array.from({ length: n }, (_, i) => Float64Array.from(ds.item(i).image.data));
      return { x, y: Array.from({ length: n }, (_, i) => ds.label(i)) };
    };
    const accuracy = nearestMeanAccuracy(take('train', 600), take('test', 300), 10);
    expect(accuracy).toBeLessThan(0.3);
  });
});

describe('motion', () => {
  /** The largest mean absolute change of any frame from frame 0 (motion accumulates; noise does not). */
  const drift = (data: Uint8Array, frames: number) => {
    const size = data.length / frames;
    let most = 0;
    for (let t = 1; t < frames; t++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += Math.abs(data[t * size + j] - data[j]);
      most = Math.max(most, sum / size);
    }
    return most;
  };

  it('makes deterministic clips of 10 balanced classes', async () => {
    const a = openMotion('train', { trainSize: 20 });
    const b = openMotion('train', { trainSize: 20 });
    const [x, y] = await Promise.all([a.item(13), b.item(13)]);
    expect(Array.from(x.clip.data)).toEqual(Array.from(y.clip.data));
    expect([x.clip.frames, x.clip.width, x.clip.height, x.label]).toEqual([8, 32, 32, 3]);
    expect(a.classNames).toEqual(motionClasses);
    const long = openMotion('test', { frames: 16, size: 48, testSize: 10 });
    const { clip } = await long.item(0);
    expect([clip.frames, clip.width, clip.height]).toEqual([16, 48, 48]);
    expect(openMotionHeldOut({ length: 6 }).classNames).toEqual(['diagonal', 'orbit', 'blink']);
  });

  it('moves: still clips change least between frames, moving ones more', async () => {
    const ds = openMotion('train', { trainSize: 200 });
    const diff = new Array(10).fill(0);
    for (let i = 0; i < ds.length; i++) {
      const { clip, label } = await ds.item(i);
      diff[label] += drift(clip.data as Uint8Array, clip.frames) / 20;
    }
    const still = diff[motionClasses.indexOf('still')];
    for (const motion of ['left', 'right', 'up', 'down', 'grow', 'shrink', 'bounce', 'rotate_cw']) {
      expect(diff[motionClasses.indexOf(motion)]).toBeGreaterThan(still * 1.5);
    }
  });

  it('cannot be told from one frame by colour or position: nearest class mean of frame 0 is near chance', async () => {
    const take = async (split: 'train' | 'test', n: number) => {
      const ds = openMotion(split, { trainSize: n, testSize: n });
      const x: Float64Array[] = [];
      for (let i = 0; i < n; i++) x.push(Float64Array.from((await ds.item(i)).clip.data.subarray(0, 3072)));
      return { x, y: Array.from({ length: n }, (_, i) => ds.label(i)) };
    };
    expect(nearestMeanAccuracy(await take('train', 300), await take('test', 150), 10)).toBeLessThan(0.3);
  });
});

describe('noise anomaly sets', () => {
  it('gaussian: clip(N(0.5, 0.25), 0, 1); rademacher: {0, 1} with p = 0.5', () => {
    const g = openNoiseImages({ kind: 'gaussian', length: 4, width: 32, height: 32 });
    const values = Array.from(g.item(1).image.data);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(sd).toBeGreaterThan(0.22);
    expect(sd).toBeLessThan(0.26);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(g.item(1).image.data).toBeInstanceOf(Float32Array);
    const r = Array.from(openNoiseImages({ kind: 'rademacher', length: 2, width: 32, height: 32 }).item(0).image.data);
    expect(new Set(r)).toEqual(new Set([0, 1]));
    expect(Math.abs(r.reduce((a, b) => a + b, 0) / r.length - 0.5)).toBeLessThan(0.04);
  });

  it('blobs: Bernoulli(0.7), 3-D Gaussian blur (sigma 1.5, nearest edges, radius 6), then < 0.75 -> 0', () => {
    const [h, w] = [10, 9];
    const field = new Float64Array(h * w * 3);
    const rng = Rng.seeded(4);
    for (let i = 0; i < field.length; i++) field[i] = rng.bool(0.7) ? 1 : 0;
    // Direct 3-D convolution, written independently of the separable implementation.
    const k = Array.from({ length: 13 }, (_, i) => Math.exp(-0.5 * ((i - 6) / 1.5) ** 2));
    const ks = k.reduce((a, b) => a + b, 0);
    const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
    const expected: number[] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let dy = -6; dy <= 6; dy++)
            for (let dx = -6; dx <= 6; dx++)
              for (let dc = -6; dc <= 6; dc++) {
                const v = field[(clamp(y + dy, h) * w + clamp(x + dx, w)) * 3 + clamp(c + dc, 3)];
                s += (k[dy + 6] * k[dx + 6] * k[dc + 6] * v) / ks ** 3;
              }
          expected.push(s < 0.75 ? 0 : s);
        }
    const blobs = noisePicture('blobs', Rng.seeded(4), w, h);
    expected.forEach((v, i) => expect(blobs[i]).toBeCloseTo(v, 5));
    expect(expected.some((v) => v > 0)).toBe(true);
    expect(expected.some((v) => v === 0)).toBe(true);
  });

  it('makes clip noise sets frame by frame and rejects unknown kinds', async () => {
    const clips = openNoiseClips({ kind: 'blobs', length: 3, width: 16, height: 16, frames: 4 });
    const { clip } = await clips.item(2);
    expect([clip.frames, clip.data.length]).toEqual([4, 4 * 768]);
    expect(Array.from(clip.data.subarray(0, 768))).not.toEqual(Array.from(clip.data.subarray(768, 1536)));
    expect(() => openNoiseImages({ kind: 'pink' as 'gaussian', length: 1, width: 8, height: 8 })).toThrow(/kind: must be one of gaussian, rademacher, blobs/);
  });
});
