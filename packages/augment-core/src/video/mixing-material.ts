import { AugmentArgumentError } from '../errors';
import { floatToBytes, type ClipF32, type Image } from '../image';
import { isMixingClipSource, type MixingSource } from '../mixing-source';
import { Rng, type RngState } from '../rng';
import type { ShortClipPolicy, VpixmixConfig } from './vpixmix-config';

/** Which mixing picture (or clip) was used, and the stream its preprocessing (random crop) drew from. */
export interface MixingPick {
  readonly index: number;
  readonly preprocess: RngState;
}

export function samplePick(rng: Rng, source: MixingSource): MixingPick {
  if (!(Number.isInteger(source.length) && source.length >= 1)) throw new AugmentArgumentError('mixingSource', `${source.name} has no pictures`);
  const index = rng.int(0, source.length);
  return { index, preprocess: rng.fork('preprocess').state() };
}

/** Frame order into a mixing clip of `available` frames for a clip of `frames`. */
export function mixingFrameOrder(frames: number, available: number, policy: ShortClipPolicy, sourceName: string): number[] {
  if (available >= frames) return Array.from({ length: frames }, (_, t) => t);
  if (policy === 'error') {
    throw new AugmentArgumentError(
      'mixingClip',
      `${sourceName} gave ${available} frames for a clip of ${frames}; use a longer mixing clip, fewer frames, or shortClip 'loop' / 'bounce'`,
    );
  }
  if (policy === 'loop' || available === 1) return Array.from({ length: frames }, (_, t) => t % available);
  const period = 2 * (available - 1);
  return Array.from({ length: frames }, (_, t) => {
    const p = t % period;
    return p < available ? p : period - p;
  });
}

/** 8-bit when the config quantises (the reference's mixing pictures are 8-bit files), else the source's floats. */
function prepared(data: Float32Array | Uint8Array, cfg: VpixmixConfig): Float32Array | Uint8Array {
  return cfg.quantizeMixing && data instanceof Float32Array ? floatToBytes(data) : data;
}

/** The mixing material of one clip: `frameData(t)` is frame t's mixing picture. */
export interface MixingMaterial {
  frameData(t: number): Float32Array | Uint8Array;
}

function checkSize(image: Image | ClipF32, width: number, height: number, what: string): void {
  if (image.width !== width || image.height !== height) {
    throw new AugmentArgumentError('mixingSource', `${what} is ${image.width}x${image.height}, the clip is ${width}x${height}`);
  }
}

/** Fetches the pictures / clip the picks name, at the clip's size. */
export function resolveMaterial(source: MixingSource, picks: readonly MixingPick[], cfg: VpixmixConfig, frames: number, width: number, height: number): MixingMaterial {
  if (cfg.material === 'picture') {
    const pictures = picks.map((pick) => {
      const picture = source.picture(pick.index, width, height, Rng.fromState(pick.preprocess));
      checkSize(picture, width, height, `${source.name} picture ${pick.index}`);
      return prepared(picture.data, cfg);
    });
    return { frameData: (t) => pictures[pictures.length === 1 ? 0 : t] };
  }
  if (!isMixingClipSource(source)) {
    throw new AugmentArgumentError('mixingSource', `${source.name} has no clips; the ${cfg.material} material needs a MixingClipSource (fractal zoom, video frames)`);
  }
  const requested = cfg.mixingFrames ?? frames;
  const clip = source.clip(picks[0].index, requested, width, height, Rng.fromState(picks[0].preprocess));
  checkSize(clip, width, height, `${source.name} clip ${picks[0].index}`);
  if (!(clip.frames >= 1) || clip.data.length !== clip.frames * width * height * 3) {
    throw new AugmentArgumentError('mixingSource', `${source.name} returned a malformed clip (${clip.frames} frames, ${clip.data.length} values)`);
  }
  const order = mixingFrameOrder(frames, clip.frames, cfg.shortClip, source.name);
  const data = prepared(clip.data, cfg);
  const size = width * height * 3;
  return { frameData: (t) => data.subarray(order[t] * size, (order[t] + 1) * size) };
}
