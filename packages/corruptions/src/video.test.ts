import { describe, expect, it } from 'vitest';
import { type ClipU8, clipFrame } from '@vpixmix/augment-core';
import { Rng } from '@vpixmix/augment-core';
import { ClipTooShortError, CorruptionSeverityError, UnknownCorruptionError } from './errors';
import { TEMPORAL_CORRUPTION_NAMES, VIDEO_CORRUPTION_NAMES, getVideoCorruption } from './video/registry';
import { goldenImage } from './test-images';

/** A 12-frame clip whose frame t is the scene with a bright bar at column 2t (every frame distinct). */
function movingClip(frames = 12): ClipU8 {
  const scene = goldenImage('scene32');
  const size = 32 * 32 * 3;
  const data = new Uint8Array(size * frames);
  for (let t = 0; t < frames; t++) {
    data.set(scene.data, t * size);
    for (let y = 0; y < 32; y++) data.fill(255, t * size + (y * 32 + 2 * t) * 3, t * size + (y * 32 + 2 * t + 1) * 3);
  }
  return { frames, width: 32, height: 32, channels: 3, data };
}

const clip = movingClip();
const frameBytes = (c: ClipU8, t: number) => Buffer.from(clipFrame(c, t).data);
/** Which source frame each output frame shows (by exact match). */
function sourceOf(out: ClipU8): number[] {
  return Array.from({ length: out.frames }, (_, t) => Array.from({ length: clip.frames }, (_, s) => s).find((s) => frameBytes(out, t).equals(frameBytes(clip, s))) ?? -1);
}
function corrupt(name: string, severity: number, seed = 1): ClipU8 {
  const c = getVideoCorruption(name);
  return c.apply(clip, c.sampleParams(Rng.seeded(seed), severity, clip));
}

describe('video corruptions', () => {
  it('lists per-frame noise, clip-consistent blur/fog/brightness/contrast/jpeg and the temporal ones', () => {
    expect(VIDEO_CORRUPTION_NAMES).toHaveLength(15);
    expect(TEMPORAL_CORRUPTION_NAMES).toEqual(['frame_rate', 'freeze', 'reverse', 'jumble', 'drop_frames']);
    for (const name of VIDEO_CORRUPTION_NAMES) {
      const out = corrupt(name, 3);
      expect([out.frames, out.width, out.height, out.data.length]).toEqual([12, 32, 32, clip.data.length]);
      expect(Buffer.from(out.data).equals(Buffer.from(corrupt(name, 3).data))).toBe(true);
    }
  });

  it('noise is drawn afresh per frame; a clip-consistent corruption is the same on every frame', () => {
    const still = { ...clip, data: new Uint8Array(clip.data.length) };
    for (let t = 0; t < 12; t++) still.data.set(clipFrame(clip, 0).data, t * 32 * 32 * 3);
    const noise = getVideoCorruption('gaussian_noise');
    const noisy = noise.apply(still, noise.sampleParams(Rng.seeded(2), 3, still));
    expect(frameBytes(noisy, 0).equals(frameBytes(noisy, 1))).toBe(false);
    expect(noise.kind).toBe('per-frame');
    for (const name of ['fog', 'motion_blur', 'defocus_blur', 'brightness', 'contrast', 'jpeg_compression', 'zoom_blur']) {
      const c = getVideoCorruption(name);
      expect(c.kind).toBe('clip-consistent');
      const out = c.apply(still, c.sampleParams(Rng.seeded(2), 4, still));
      for (let t = 1; t < 12; t++) expect(frameBytes(out, t).equals(frameBytes(out, 0))).toBe(true);
    }
  });

  it('frame_rate holds every k-th frame (k = 2, 3, 4, 6, 8)', () => {
    expect(sourceOf(corrupt('frame_rate', 1))).toEqual([0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10]);
    expect(sourceOf(corrupt('frame_rate', 3))).toEqual([0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8]);
    expect(new Set(sourceOf(corrupt('frame_rate', 5))).size).toBe(2);
  });

  it('freeze stalls on one frame, then resumes at the current time', () => {
    for (const severity of [1, 3, 5]) {
      const src = sourceOf(corrupt('freeze', severity, severity));
      const stalled = src.filter((s, t) => s !== t);
      const start = src.findIndex((s, t) => s !== t) - 1;
      expect(stalled.every((s) => s === start)).toBe(true);
      src.forEach((s, t) => expect(s === t || s === start).toBe(true));
      expect(stalled.length + 1).toBe(Math.min(12, Math.max(2, Math.round(12 * [0.2, 0.35, 0.5, 0.65, 0.8][severity - 1]))));
    }
  });

  it('reverse plays a stretch backwards; severity 5 reverses the whole clip', () => {
    expect(sourceOf(corrupt('reverse', 5))).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const src = sourceOf(corrupt('reverse', 2, 4));
    const moved = src.map((s, t) => (s !== t ? t : -1)).filter((t) => t >= 0);
    expect(moved.map((t) => src[t])).toEqual([...moved].reverse());
  });

  it('jumble plays whole segments out of order, each segment intact', () => {
    for (const severity of [1, 2, 3, 4, 5]) {
      const src = sourceOf(corrupt('jumble', severity, severity));
      expect([...src].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(src).not.toEqual(Array.from({ length: 12 }, (_, i) => i));
      const runs = src.reduce((n, s, t) => (t > 0 && s !== src[t - 1] + 1 ? n + 1 : n), 1);
      expect(runs).toBeLessThanOrEqual([2, 3, 4, 6, 8][severity - 1]);
    }
  });

  it('drop_frames loses 10-50% of frames, repeating the last one received', () => {
    for (const severity of [1, 5]) {
      const src = sourceOf(corrupt('drop_frames', severity, 7));
      expect(src[0]).toBe(0);
      src.forEach((s, t) => expect(s === t || s === src[t - 1]).toBe(true));
      expect(src.filter((s, t) => s !== t).length).toBe(Math.max(1, Math.round([0.1, 0.2, 0.3, 0.4, 0.5][severity - 1] * 11)));
    }
  });

  it('temporal corruptions get worse as severity rises', () => {
    // Displacement (sum over frames of |source - t|) for the ones that hold, stall, reverse or
    // drop frames; for jumble, the number of cuts in the order (two segments are always swapped
    // whole, which displaces most, so displacement is not what more segments make worse).
    const displacement = (src: number[]) => src.reduce((d, s, t) => d + Math.abs(s - t), 0);
    const cuts = (src: number[]) => src.reduce((n, s, t) => (t > 0 && s !== src[t - 1] + 1 && s !== src[t - 1] ? n + 1 : n), 0);
    for (const name of TEMPORAL_CORRUPTION_NAMES) {
      const measure = name === 'jumble' ? cuts : displacement;
      const scores = [1, 2, 3, 4, 5].map((s) => {
        let sum = 0;
        for (let seed = 0; seed < 20; seed++) sum += measure(sourceOf(corrupt(name, s, seed)));
        return sum;
      });
      scores.forEach((d, i) => i > 0 && expect(d, `${name} severity ${i + 1}`).toBeGreaterThan(scores[i - 1]));
    }
  });

  it('rejects bad severities, unknown names and clips too short', () => {
    expect(() => getVideoCorruption('reverse').sampleParams(Rng.seeded(1), 6, clip)).toThrow(CorruptionSeverityError);
    expect(() => getVideoCorruption('rewind')).toThrow(UnknownCorruptionError);
    const one = { ...clip, frames: 1, data: clip.data.subarray(0, 32 * 32 * 3) };
    expect(() => getVideoCorruption('jumble').sampleParams(Rng.seeded(1), 1, one)).toThrow(ClipTooShortError);
    const c = getVideoCorruption('reverse');
    expect(() => c.apply(clip, { ...c.sampleParams(Rng.seeded(1), 1, clip), order: [0, 1] } as never)).toThrow(/order must list 12 frame indices/);
  });
});
