import { AugmentArgumentError } from '../errors';
import type { Clip, ClipF32 } from '../image';
import type { Rng } from '../rng';
import { mixLabels } from '../baselines';
import { assertClip, frameSize } from './clip-check';

/** VideoMix's draw for one batch: a cuboid pasted from each clip's partner and the voxel share it leaves. */
export interface VideomixParams {
  readonly partners: readonly number[];
  /** Spatial box [x1, x2) x [y1, y2) and frames [t1, t2). */
  readonly box: readonly [number, number, number, number];
  readonly span: readonly [number, number];
  /** Voxel share each clip keeps: 1 - cuboid volume / clip volume (the label weight). */
  readonly lambda: number;
}

/**
 * Yun et al.'s VideoMix. 'spatial' (the paper's best): a CutMix box over all frames;
 * 'spatiotemporal': a cuboid whose three sides are each cut by cbrt(1 - lambda), centred uniformly.
 */
export function sampleVideomix(rng: Rng, batchSize: number, shape: { frames: number; width: number; height: number }, options: { beta?: number; mode?: 'spatial' | 'spatiotemporal' } = {}): VideomixParams {
  const { beta = 1, mode = 'spatial' } = options;
  if (!(beta > 0)) throw new AugmentArgumentError('beta', `must be > 0, got ${beta}`);
  const drawn = rng.beta(beta, beta);
  const partners = rng.permutation(batchSize);
  const { width, height, frames } = shape;
  const cut = mode === 'spatial' ? Math.sqrt(1 - drawn) : Math.cbrt(1 - drawn);
  const side = (n: number) => {
    const length = Math.trunc(n * cut);
    const centre = rng.int(0, n);
    return [Math.min(Math.max(centre - Math.floor(length / 2), 0), n), Math.min(Math.max(centre + Math.floor(length / 2), 0), n)] as const;
  };
  const [x1, x2] = side(width);
  const [y1, y2] = side(height);
  const span = mode === 'spatial' ? ([0, frames] as const) : side(frames);
  const lambda = 1 - ((x2 - x1) * (y2 - y1) * (span[1] - span[0])) / (width * height * frames);
  return { partners, box: [x1, x2, y1, y2], span, lambda };
}

/** Pastes each partner's cuboid; labels mixed by the voxel share. Output float in [0, 1]. */
export function applyVideomix(clips: readonly Clip[], labels: readonly Float32Array[], params: VideomixParams): { clips: ClipF32[]; labels: Float32Array[] } {
  if (clips.length === 0) throw new AugmentArgumentError('clips', 'the batch is empty');
  if (labels.length !== clips.length) throw new AugmentArgumentError('labels', `has ${labels.length} entries for ${clips.length} clips`);
  clips.forEach((clip, i) => {
    assertClip(clip, `clips[${i}]`);
    const c0 = clips[0];
    if (clip.frames !== c0.frames || clip.width !== c0.width || clip.height !== c0.height) {
      throw new AugmentArgumentError(`clips[${i}]`, `is ${clip.frames}x${clip.width}x${clip.height}, clip 0 is ${c0.frames}x${c0.width}x${c0.height}`);
    }
  });
  const [x1, x2, y1, y2] = params.box;
  const [t1, t2] = params.span;
  const unit = (d: Uint8Array | Float32Array, i: number) => (d instanceof Uint8Array ? d[i] / 255 : d[i]);
  const out = clips.map((clip, i) => {
    const other = clips[params.partners[i]];
    const size = frameSize(clip);
    const data = new Float32Array(clip.data.length);
    for (let j = 0; j < data.length; j++) data[j] = unit(clip.data, j);
    for (let t = t1; t < t2; t++) {
      for (let y = y1; y < y2; y++) {
        const from = t * size + (y * clip.width + x1) * 3;
        const to = t * size + (y * clip.width + x2) * 3;
        for (let j = from; j < to; j++) data[j] = unit(other.data, j);
      }
    }
    return { frames: clip.frames, width: clip.width, height: clip.height, channels: 3 as const, data };
  });
  return { clips: out, labels: labels.map((label, i) => mixLabels(label, labels[params.partners[i]], params.lambda)) };
}
