import { AugmentArgumentError } from '../errors';
import type { MixingSource } from '../mixing-source';
import type { PixmixRecord } from '../pixmix';
import { Rng, type RngState } from '../rng';
import { resolveMaterial, type MixingPick } from '../video/mixing-material';
import { applyVpixmixDraws, sampleMixingPicks, sampleVpixmixDraws } from '../video/vpixmix';
import { vpixmixConfig, type VpixmixConfig } from '../video/vpixmix-config';

/**
 * A batch of clips for V-PixMix in workers, packed: `clips` 8-bit (count x T x H x W x 3) and
 * the mixing material already fetched from the source in this thread (`materialFrames` = 1 or
 * T frames per clip, in frame order). Clip i draws from `Rng.fromState(seed).fork('vpixmix', i)`:
 * its result is the bytes `vpixmix(clip_i, source, config, thatRng)` gives.
 */
export interface VpixmixBatch {
  readonly count: number;
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly clips: Uint8Array;
  readonly material: Uint8Array | Float32Array;
  readonly materialFrames: number;
  readonly config: VpixmixConfig;
  readonly seed: RngState;
  /** Index of the first clip in the whole batch (the fork key). */
  readonly first?: number;
}

export interface VpixmixBatchResult {
  /** count x T x H x W x 3, float32 in [0, 1]. */
  readonly data: Float32Array;
  /** Each clip's PixMix draws (1 per clip, or T per clip for per-frame presets). */
  readonly draws: PixmixRecord[][];
}

export function clipStream(seed: RngState, index: number): Rng {
  return Rng.fromState(seed).fork('vpixmix', index);
}

/** Fetches every clip's mixing material from `source` (which cannot travel to a worker) and packs the batch. */
export function prepareVpixmixBatch(
  clips: Uint8Array,
  shape: { count: number; frames: number; width: number; height: number },
  source: MixingSource,
  config: VpixmixConfig,
  seed: RngState,
): { batch: VpixmixBatch; picks: MixingPick[][] } {
  const cfg = vpixmixConfig(config);
  const { count, frames, width, height } = shape;
  const size = width * height * 3;
  if (clips.length !== count * frames * size) {
    throw new AugmentArgumentError('clips', `holds ${clips.length} values; ${count} clips of ${frames}x${width}x${height}x3 need ${count * frames * size}`);
  }
  const materialFrames = cfg.material === 'picture' && cfg.pictures === 'clip' ? 1 : frames;
  let material: Uint8Array | Float32Array | undefined;
  const picks: MixingPick[][] = [];
  for (let i = 0; i < count; i++) {
    const clipPicks = sampleMixingPicks(clipStream(seed, i), cfg, shape, source);
    picks.push(clipPicks);
    const resolved = resolveMaterial(source, clipPicks, cfg, frames, width, height);
    for (let t = 0; t < materialFrames; t++) {
      const frame = resolved.frameData(t);
      material ??= frame instanceof Uint8Array ? new Uint8Array(count * materialFrames * size) : new Float32Array(count * materialFrames * size);
      material.set(frame, (i * materialFrames + t) * size);
    }
  }
  return { batch: { count, frames, width, height, clips, material: material ?? new Uint8Array(0), materialFrames, config: cfg, seed }, picks };
}

export function checkVpixmixBatch(batch: VpixmixBatch): void {
  const { count, frames, width, height, materialFrames } = batch;
  const size = width * height * 3;
  if (batch.clips.length !== count * frames * size) throw new AugmentArgumentError('clips', `holds ${batch.clips.length} values; ${count} clips of ${frames}x${width}x${height}x3 need ${count * frames * size}`);
  if (materialFrames !== 1 && materialFrames !== frames) throw new AugmentArgumentError('materialFrames', `must be 1 or ${frames}, got ${materialFrames}`);
  if (batch.material.length !== count * materialFrames * size) throw new AugmentArgumentError('material', `holds ${batch.material.length} values, needs ${count * materialFrames * size}`);
  vpixmixConfig(batch.config);
}

/** V-PixMix over a packed batch in this thread (the worker pool runs exactly this per chunk). */
export function runVpixmixBatch(batch: VpixmixBatch, out: Float32Array = new Float32Array(batch.clips.length)): VpixmixBatchResult {
  checkVpixmixBatch(batch);
  const { count, frames, width, height, materialFrames } = batch;
  const cfg = vpixmixConfig(batch.config);
  const size = width * height * 3;
  const clipSize = frames * size;
  const first = batch.first ?? 0;
  const draws: PixmixRecord[][] = [];
  for (let i = 0; i < count; i++) {
    const clip = { frames, width, height, channels: 3 as const, data: batch.clips.subarray(i * clipSize, (i + 1) * clipSize) };
    const clipDraws = sampleVpixmixDraws(clipStream(batch.seed, first + i), cfg, clip);
    const base = i * materialFrames * size;
    const frame = (t: number) => batch.material.subarray(base + (materialFrames === 1 ? 0 : t) * size, base + ((materialFrames === 1 ? 0 : t) + 1) * size);
    applyVpixmixDraws(clip, frame, clipDraws, out.subarray(i * clipSize, (i + 1) * clipSize));
    draws.push(clipDraws);
  }
  return { data: out, draws };
}
