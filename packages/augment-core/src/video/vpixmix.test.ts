import { describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { clipFrame, clipFromFrames, createClip, createImage, type ClipU8 } from '../image';
import { replayPixmix } from '../pixmix';
import { Rng } from '../rng';
import { DriftingSource } from '../testing/drifting-source';
import { sceneImage } from '../testing/images';
import { staticClip, temporalConsistency } from './consistency';
import { mixingFrameOrder } from './mixing-material';
import { replayVpixmix, vpixmix, type VpixmixRecord } from './vpixmix';
import { VPIXMIX_PRESETS, vpixmixConfig, type VpixmixPreset } from './vpixmix-config';

const source = new DriftingSource();
const image = sceneImage(24, 20);
const T = 6;

function movingClip(): ClipU8 {
  const frames = Array.from({ length: T }, (_, t) => {
    const data = Uint8Array.from(image.data);
    for (let i = 0; i < data.length; i += 3) data[i] = (data[i] + 9 * t) & 0xff;
    return createImage(image.width, image.height, data);
  });
  return clipFromFrames(frames);
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('V-PixMix presets differ exactly in what they freeze', () => {
  const shapes = (preset: VpixmixPreset, seed: number) => vpixmix(movingClip(), source, preset, Rng.seeded(seed)).record;

  it('naive draws per frame, the others once per clip', () => {
    for (let seed = 0; seed < 10; seed++) {
      const naive = shapes('naive', seed);
      expect([naive.draws.length, naive.mixing.length]).toEqual([T, T]);
      for (const preset of ['single-picture', 'frozen-pixmix', 'fractal-zoom', 'video-mixing'] as const) {
        const r = shapes(preset, seed);
        expect([r.draws.length, r.mixing.length]).toEqual([1, 1]);
      }
    }
  });

  it('single-picture and the zoom presets use no ops; frozen-pixmix and naive do', () => {
    const usesOps = (r: VpixmixRecord) => r.draws.some((d) => d.base !== null || d.rounds.some((round) => round.partner !== 'mixing'));
    const seeds = Array.from({ length: 30 }, (_, s) => s);
    for (const preset of ['single-picture', 'fractal-zoom', 'video-mixing'] as const) expect(seeds.some((s) => usesOps(shapes(preset, s)))).toBe(false);
    for (const preset of ['frozen-pixmix', 'naive'] as const) expect(seeds.some((s) => usesOps(shapes(preset, s)))).toBe(true);
  });

  it('frozen presets give frame t exactly the image PixMix of frame t with the one draw', () => {
    const clip = movingClip();
    for (let seed = 0; seed < 6; seed++) {
      const { clip: out, record } = vpixmix(clip, source, 'frozen-pixmix', Rng.seeded(seed));
      const picture = source.picture(record.mixing[0].index, clip.width, clip.height, Rng.fromState(record.mixing[0].preprocess));
      const picture8 = { ...picture, data: Uint8Array.from(picture.data, (v) => Math.min(255, Math.max(0, Math.floor(v * 255 + 0.5)))) };
      for (let t = 0; t < T; t++) {
        expect(bytes(replayPixmix(clipFrame(clip, t), picture8, record.draws[0]).data).equals(bytes(clipFrame(out, t).data))).toBe(true);
      }
    }
  });

  it('fractal-zoom mixes frame t with frame t of the mixing clip', () => {
    const still = staticClip(image, T);
    const cfg = vpixmixConfig('fractal-zoom');
    const preprocess = Rng.seeded(1).state();
    const record: VpixmixRecord = { config: cfg, frames: T, mixing: [{ index: 2, preprocess }], draws: [{ base: null, rounds: [{ partner: 'mixing', mixing: 'multiply', a: 0.75, b: 0.5 }] }] };
    const out = replayVpixmix(still, source, record);
    const zoom = source.clip(2, T, still.width, still.height, Rng.fromState(preprocess));
    for (let t = 0; t < T; t++) {
      const frame = clipFrame(zoom, t);
      const picture8 = { ...frame, data: Uint8Array.from(frame.data, (v) => Math.min(255, Math.max(0, Math.floor(v * 255 + 0.5)))) };
      expect(bytes(replayPixmix(clipFrame(still, t), picture8, record.draws[0]).data).equals(bytes(clipFrame(out, t).data))).toBe(true);
    }
    expect(bytes(clipFrame(out, 0).data).equals(bytes(clipFrame(out, 1).data))).toBe(false);
  });

  it('replays every preset byte for byte after a JSON round trip', () => {
    const clip = movingClip();
    for (const preset of VPIXMIX_PRESETS) {
      for (let seed = 0; seed < 4; seed++) {
        const { clip: out, record } = vpixmix(clip, source, preset, Rng.seeded(seed, preset));
        const again = replayVpixmix(clip, source, JSON.parse(JSON.stringify(record)) as VpixmixRecord);
        expect(bytes(again.data).equals(bytes(out.data))).toBe(true);
        expect(bytes(vpixmix(clip, source, preset, Rng.seeded(seed, preset)).clip.data).equals(bytes(out.data))).toBe(true);
      }
    }
  });
});

describe('temporal consistency on a static clip', () => {
  const measure = (preset: VpixmixPreset) => {
    const values = Array.from({ length: 12 }, (_, seed) =>
      temporalConsistency((clip) => vpixmix(clip, source, { ...vpixmixConfig(preset), pixmix: { k: 4, beta: 3, severity: 3, allOps: true } }, Rng.seeded(seed)).clip, image, 8),
    );
    return { mean: values.reduce((s, v) => s + v.mean, 0) / values.length, smoothness: Math.max(...values.map((v) => v.smoothness)) };
  };

  it('is 0 for single-picture and frozen-pixmix, small and smooth for fractal-zoom, large for naive', () => {
    const single = measure('single-picture');
    const frozen = measure('frozen-pixmix');
    const zoom = measure('fractal-zoom');
    const naive = measure('naive');
    expect(single.mean).toBe(0);
    expect(frozen.mean).toBe(0);
    expect(zoom.mean).toBeGreaterThan(0);
    expect(naive.mean).toBeGreaterThan(4 * zoom.mean);
    // Smooth: the zoom's step-to-step change hardly varies; naive's jumps around.
    expect(zoom.smoothness).toBeLessThan(naive.smoothness);
  });
});

describe('bad clips and short mixing clips', () => {
  it('rejects zero frames, mismatched frame sizes and float clips with typed errors', () => {
    expect(() => createClip(0, 4, 4, new Uint8Array(0))).toThrow(AugmentArgumentError);
    expect(() => clipFromFrames([createImage(4, 4, new Uint8Array(48)), createImage(5, 4, new Uint8Array(60))])).toThrow(/frames\[1\]: is 5x4, frame 0 is 4x4/);
    const bad = { frames: 2, width: 4, height: 4, channels: 3, data: new Uint8Array(40) } as ClipU8;
    expect(() => vpixmix(bad, source, 'naive', Rng.seeded(0))).toThrow(/are the frames all the same size/);
    const empty = { frames: 0, width: 4, height: 4, channels: 3, data: new Uint8Array(0) } as ClipU8;
    expect(() => vpixmix(empty, source, 'naive', Rng.seeded(0))).toThrow(/at least one frame/);
    const float = { frames: 1, width: 4, height: 4, channels: 3, data: new Float32Array(48) } as unknown as ClipU8;
    expect(() => vpixmix(float, source, 'naive', Rng.seeded(0))).toThrow(/8-bit/);
    expect(() => vpixmix(staticClip(image, 2), source, 'wobbly' as VpixmixPreset, Rng.seeded(0))).toThrow(/unknown preset 'wobbly'/);
  });

  it('refuses a mixing clip shorter than the clip unless told to loop or bounce', () => {
    const short = new DriftingSource(3, 0.5, 4);
    const clip = staticClip(image, 7);
    expect(() => vpixmix(clip, short, 'fractal-zoom', Rng.seeded(0))).toThrow(/gave 4 frames for a clip of 7; .*shortClip 'loop' \/ 'bounce'/);
    expect(vpixmix(clip, short, vpixmixConfig('fractal-zoom', { shortClip: 'bounce' }), Rng.seeded(0)).clip.frames).toBe(7);
    expect(mixingFrameOrder(7, 4, 'loop', 's')).toEqual([0, 1, 2, 3, 0, 1, 2]);
    expect(mixingFrameOrder(7, 4, 'bounce', 's')).toEqual([0, 1, 2, 3, 2, 1, 0]);
    const pictures = { name: 'pictures', length: 2, picture: source.picture.bind(source) };
    expect(() => vpixmix(clip, pictures, 'fractal-zoom', Rng.seeded(0))).toThrow(/needs a MixingClipSource/);
  });
});
