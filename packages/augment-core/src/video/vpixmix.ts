import { AugmentArgumentError } from '../errors';
import type { ClipF32, ClipU8 } from '../image';
import type { MixingSource } from '../mixing-source';
import { applyPixmixRecord, checkRecord, samplePixmix, type PixmixRecord } from '../pixmix';
import type { Rng } from '../rng';
import { assertClip, frameSize } from './clip-check';
import { resolveMaterial, samplePick, type MixingPick } from './mixing-material';
import { vpixmixConfig, type VpixmixConfig, type VpixmixConfigInput, type VpixmixPreset } from './vpixmix-config';

/** Everything one V-PixMix call decided; `replayVpixmix` turns it back into the same bytes (given the same source). */
export interface VpixmixRecord {
  readonly config: VpixmixConfig;
  readonly frames: number;
  /** One pick for the clip, or one per frame (material 'picture', pictures 'frame'). */
  readonly mixing: readonly MixingPick[];
  /** One PixMix record for the clip, or one per frame (draws 'frame'). */
  readonly draws: readonly PixmixRecord[];
}

export interface ClipShape {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The draws of one clip. Streams: draws from `fork('draws')` (or `fork('draws', t)` per frame),
 * mixing picks from `fork('mixing')` (or `fork('mixing', t)`), so a preset's frozen draw is the
 * same whatever the clip length.
 */
export function sampleVpixmix(rng: Rng, cfg: VpixmixConfig, shape: ClipShape, source: MixingSource): VpixmixRecord {
  return { config: cfg, frames: shape.frames, mixing: sampleMixingPicks(rng, cfg, shape, source), draws: sampleVpixmixDraws(rng, cfg, shape) };
}

/** The mixing picks of one clip (they need the source): from `fork('mixing')`, or `fork('mixing', t)` per frame. */
export function sampleMixingPicks(rng: Rng, cfg: VpixmixConfig, shape: ClipShape, source: MixingSource): MixingPick[] {
  const pickCount = cfg.material === 'picture' && cfg.pictures === 'frame' ? shape.frames : 1;
  return Array.from({ length: pickCount }, (_, t) => samplePick(pickCount === 1 ? rng.fork('mixing') : rng.fork('mixing', t), source));
}

/** The PixMix draws of one clip (no source needed, so a worker can draw them): `fork('draws')` or `fork('draws', t)`. */
export function sampleVpixmixDraws(rng: Rng, cfg: VpixmixConfig, shape: ClipShape): PixmixRecord[] {
  const size = { width: shape.width, height: shape.height };
  const drawCount = cfg.draws === 'frame' ? shape.frames : 1;
  return Array.from({ length: drawCount }, (_, t) => samplePixmix(drawCount === 1 ? rng.fork('draws') : rng.fork('draws', t), cfg.pixmix, size, { ops: cfg.ops }));
}

function checkInputs(clip: ClipU8): void {
  assertClip(clip);
  if (!(clip.data instanceof Uint8Array)) {
    throw new AugmentArgumentError('clip', 'V-PixMix applies its ops to 8-bit frames (Uint8Array), as the reference does to PIL images; convert with floatToBytes first');
  }
}

function checkVpixmixRecord(record: VpixmixRecord, clip: ClipU8): void {
  if (record.frames !== clip.frames) throw new AugmentArgumentError('record', `was drawn for ${record.frames} frames, the clip has ${clip.frames}`);
  if (record.draws.length !== 1 && record.draws.length !== clip.frames) {
    throw new AugmentArgumentError('record.draws', `needs 1 (per clip) or ${clip.frames} (per frame) entries, got ${record.draws.length}`);
  }
  if (record.mixing.length !== 1 && record.mixing.length !== clip.frames) {
    throw new AugmentArgumentError('record.mixing', `needs 1 (per clip) or ${clip.frames} (per frame) entries, got ${record.mixing.length}`);
  }
  record.draws.forEach((draw) => checkRecord(draw));
}

/** Applies a V-PixMix record: frame t gets draw t (or the clip's), mixed with its mixing frame. */
export function replayVpixmix(clip: ClipU8, source: MixingSource, record: VpixmixRecord, out?: Float32Array): ClipF32 {
  checkInputs(clip);
  checkVpixmixRecord(record, clip);
  const cfg = vpixmixConfig(record.config);
  const { frames, width, height } = clip;
  if (out !== undefined && out.length !== clip.data.length) throw new AugmentArgumentError('out', `needs ${clip.data.length} values, got ${out.length}`);
  const result = out ?? new Float32Array(clip.data.length);
  const material = resolveMaterial(source, record.mixing, cfg, frames, width, height);
  applyVpixmixDraws(clip, material.frameData, record.draws, result);
  return { frames, width, height, channels: 3, data: result };
}

/** Frame t of `clip` PixMixed with draw t (or the clip's one draw) against mixing frame `mixingFrame(t)`, into `out`. */
export function applyVpixmixDraws(clip: ClipU8, mixingFrame: (t: number) => Uint8Array | Float32Array, draws: readonly PixmixRecord[], out: Float32Array): void {
  const { frames, width, height } = clip;
  const size = frameSize(clip);
  for (let t = 0; t < frames; t++) {
    const frame = { width, height, channels: 3 as const, data: clip.data.subarray(t * size, (t + 1) * size) };
    const picture = { width, height, channels: 3 as const, data: mixingFrame(t) };
    applyPixmixRecord(frame, picture, draws[draws.length === 1 ? 0 : t], out.subarray(t * size, (t + 1) * size));
  }
}

/**
 * V-PixMix: PixMix for a clip under a preset (or a full configuration). Returns float32 frames
 * in [0, 1] and the record; `replayVpixmix(clip, source, record)` gives the same bytes.
 */
export function vpixmix(
  clip: ClipU8,
  source: MixingSource,
  config: VpixmixPreset | VpixmixConfig | VpixmixConfigInput,
  rng: Rng,
  out?: Float32Array,
): { clip: ClipF32; record: VpixmixRecord } {
  checkInputs(clip);
  const cfg = typeof config === 'string' ? vpixmixConfig(config) : vpixmixConfig(config);
  const record = sampleVpixmix(rng, cfg, clip, source);
  return { clip: replayVpixmix(clip, source, record, out), record };
}
