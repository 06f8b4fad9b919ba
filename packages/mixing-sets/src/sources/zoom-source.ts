import { Rng, clipFrame, type ClipF32, type ImageF32, type MixingClipSource, type Seed } from '@vpixmix/augment-core';
import { MixingArgumentError } from '../errors';
import { renderZoomClip } from '../zoom/render-zoom';
import { DEEPEST_SCALE, DEFAULT_ZOOM_OPTIONS, sampleZoomPath, WHOLE_SET_SCALE, type ZoomOptions, type ZoomPath } from '../zoom/zoom-path';
import { copyPixels, DEFAULT_MEMO_BYTES, FifoMemo, wrapIndex } from './memo';

export interface ZoomSourceOptions extends Partial<ZoomOptions> {
  seed?: Seed;
  /** Distinct zooms (indices wrap modulo this). Default 1000. */
  count?: number;
  /** Bytes of rendered clips kept in memory (default 64 MiB; 0 renders every time). */
  memoBytes?: number;
}

export function resolveZoomOptions(input: Partial<ZoomOptions> = {}): ZoomOptions {
  const options: ZoomOptions = { ...DEFAULT_ZOOM_OPTIONS, ...input };
  if (options.kinds.length === 0 || options.kinds.some((k) => k !== 'mandelbrot' && k !== 'julia')) {
    throw new MixingArgumentError('kinds', `must list 'mandelbrot' and/or 'julia', got [${options.kinds.join(', ')}]`);
  }
  if (!(options.zoomPerFrame >= 1 && options.zoomPerFrame <= 2)) {
    throw new MixingArgumentError('zoomPerFrame', `must be in [1, 2] (1.05 = 5% closer per frame), got ${options.zoomPerFrame}`);
  }
  const deepest = Math.log10(WHOLE_SET_SCALE / DEEPEST_SCALE);
  if (!(options.maxStartDepth >= 0 && options.maxStartDepth < deepest)) {
    throw new MixingArgumentError('maxStartDepth', `must be in [0, ${deepest.toFixed(1)}) decades, got ${options.maxStartDepth}`);
  }
  if (!(options.maxRotationPerFrame >= 0 && options.maxRotationPerFrame <= Math.PI)) {
    throw new MixingArgumentError('maxRotationPerFrame', `must be in [0, pi] radians, got ${options.maxRotationPerFrame}`);
  }
  for (const key of ['baseIterations', 'maxIterations', 'supersample'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new MixingArgumentError(key, `must be an integer >= 1, got ${options[key]}`);
  }
  if (options.supersample > 8) throw new MixingArgumentError('supersample', `must be at most 8, got ${options.supersample}`);
  if (!(options.iterationsPerOctave >= 0)) {
    throw new MixingArgumentError('iterationsPerOctave', `must be >= 0, got ${options.iterationsPerOctave}`);
  }
  return options;
}

/** Most frames a clip may have before the zoom runs out of float64 precision. */
export function maxZoomFrames(options: ZoomOptions): number {
  if (options.zoomPerFrame === 1) return Infinity;
  const decadesLeft = Math.log10(WHOLE_SET_SCALE / DEEPEST_SCALE) - options.maxStartDepth;
  return Math.floor(decadesLeft / Math.log10(options.zoomPerFrame)) + 1;
}

/**
 * Fractal-zoom clips (Mandelbrot and Julia) as a mixing clip source: clip i dives toward a
 * boundary point with an exponential zoom, one palette for all its frames. A clip of i is a
 * function of (seed, i, size) only, and a longer clip extends a shorter one; the rng is not
 * used. `picture(i)` is frame 0 of clip i.
 */
export class FractalZoomSource implements MixingClipSource {
  readonly name: string;
  readonly length: number;
  readonly seed: Seed;
  readonly options: ZoomOptions;
  private readonly paths: FifoMemo<ZoomPath>;
  private readonly clips: FifoMemo<ClipF32>;

  constructor(options: ZoomSourceOptions = {}) {
    const { seed = 0, count = 1000, memoBytes = DEFAULT_MEMO_BYTES, ...zoomOptions } = options;
    if (!Number.isInteger(count) || count < 1) throw new MixingArgumentError('count', `must be an integer >= 1, got ${count}`);
    if (!(memoBytes >= 0)) throw new MixingArgumentError('memoBytes', `must be >= 0, got ${memoBytes}`);
    this.options = resolveZoomOptions(zoomOptions);
    this.seed = seed;
    this.length = count;
    this.name = `fractal-zoom(seed=${String(seed)}, count=${count})`;
    this.paths = new FifoMemo(4096, () => 1);
    this.clips = new FifoMemo(memoBytes, (clip) => clip.data.byteLength);
  }

  /** Where clip `index` dives and how it is coloured. */
  path(index: number): ZoomPath {
    const i = wrapIndex(index, this.length);
    return this.paths.get(String(i), () => sampleZoomPath(Rng.seeded(this.seed).fork('zoom', i), this.options));
  }

  clip(index: number, frames: number, width: number, height: number, _rng?: Rng): ClipF32 {
    if (!Number.isInteger(frames) || frames < 1) throw new MixingArgumentError('frames', `must be an integer >= 1, got ${frames}`);
    const limit = maxZoomFrames(this.options);
    if (frames > limit) {
      throw new MixingArgumentError(
        'frames',
        `a zoom of ${frames} frames at ${this.options.zoomPerFrame} per frame goes deeper than float64 resolves; ` +
          `use at most ${limit} frames, a smaller zoomPerFrame, or a smaller maxStartDepth`,
      );
    }
    for (const [name, value] of [['width', width], ['height', height]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new MixingArgumentError(name, `must be an integer >= 1, got ${value}`);
    }
    const i = wrapIndex(index, this.length);
    const key = `${i}:${frames}:${width}x${height}`;
    return copyPixels(this.clips.get(key, () => renderZoomClip(this.path(i), frames, width, height, this.options)));
  }

  picture(index: number, width: number, height: number, rng?: Rng): ImageF32 {
    const frame = clipFrame(this.clip(index, 1, width, height, rng), 0);
    return { width: frame.width, height: frame.height, channels: 3, data: frame.data.slice() };
  }
}
