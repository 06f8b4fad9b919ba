import type { ImageF32, ImageU8, MixingSource, Rng, Seed } from '@vpixmix/augment-core';
import { MixingArgumentError } from '../errors';
import { FractalGenerator, type FractalOptionsInput, type GeneratedFractal } from '../ifs/fractal-generator';
import { crop, resizeShorterSide, resizeTarget, sampleCrop } from '../preprocess/reference-preprocess';
import { copyPixels, DEFAULT_MEMO_BYTES, FifoMemo, wrapIndex } from './memo';

/**
 * How a procedural picture reaches PixMix:
 * - 'reference': as the reference's mixing set reaches it: a picture larger than the target
 *   (rendered at `renderScale` x the resize target), Resize(size * 36 / 32), then a fresh
 *   RandomCrop(size) for every draw, from the draw's rng;
 * - 'none': the picture rendered at the asked size, the same bytes every draw (vpixmix 0.1).
 */
export const MIXING_PREPROCESSES = ['reference', 'none'] as const;
export type MixingPreprocess = (typeof MIXING_PREPROCESSES)[number];

export interface FractalSourceOptions extends FractalOptionsInput {
  seed?: Seed;
  /** Distinct pictures (indices wrap modulo this). Default 1000. */
  count?: number;
  /** Bytes of drawn pictures kept in memory (default 64 MiB; 0 draws every time). */
  memoBytes?: number;
  /** Default 'reference'. */
  preprocess?: MixingPreprocess;
  /** With 'reference': the render side over the resize target (default 2, at least 1). */
  renderScale?: number;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new MixingArgumentError('count', `must be an integer >= 1, got ${count}`);
}

/**
 * Procedural IFS fractals as a mixing source. The rendered picture i is a function of
 * (seed, i, size) only; with the reference preprocessing (the default) the crop of each draw
 * comes from the rng handed to `picture`.
 * For training, generate a set once (`writeFractalSet`, `vpixmix fractals`) and load it.
 */
export class FractalSource implements MixingSource {
  readonly name: string;
  readonly length: number;
  readonly seed: Seed;
  readonly preprocess: MixingPreprocess;
  readonly renderScale: number;
  private readonly generator: FractalGenerator;
  private readonly memo: FifoMemo<GeneratedFractal>;
  private readonly resized: FifoMemo<ImageU8>;

  constructor(options: FractalSourceOptions = {}) {
    const { seed = 0, count = 1000, memoBytes = DEFAULT_MEMO_BYTES, preprocess = 'reference', renderScale = 2, ...generatorOptions } = options;
    checkCount(count);
    if (!(memoBytes >= 0)) throw new MixingArgumentError('memoBytes', `must be >= 0, got ${memoBytes}`);
    if (!(MIXING_PREPROCESSES as readonly string[]).includes(preprocess)) {
      throw new MixingArgumentError('preprocess', `must be one of ${MIXING_PREPROCESSES.join(', ')}, got '${String(preprocess)}'`);
    }
    if (!(Number.isFinite(renderScale) && renderScale >= 1)) throw new MixingArgumentError('renderScale', `must be a number >= 1, got ${renderScale}`);
    this.seed = seed;
    this.length = count;
    this.preprocess = preprocess;
    this.renderScale = renderScale;
    this.name = `fractals(seed=${String(seed)}, count=${count}${preprocess === 'none' ? ', no preprocessing' : ''})`;
    this.generator = new FractalGenerator(generatorOptions);
    this.memo = new FifoMemo(memoBytes, (made) => made.image.data.byteLength);
    this.resized = new FifoMemo(memoBytes, (image) => image.data.byteLength);
  }

  /** The picture and the parameters that made it, rendered at width x height. */
  generate(index: number, width: number, height = width): GeneratedFractal {
    const i = wrapIndex(index, this.length);
    return this.memo.get(`${i}:${width}x${height}`, () => this.generator.generate(this.seed, i, width, height));
  }

  /**
   * Picture `index` resized as the reference's Resize(size * 36 / 32) leaves it (8-bit, as
   * Pillow stores it), before the random crop: rendered at `renderScale` x that side.
   */
  beforeCrop(index: number, width: number, height = width): ImageU8 {
    const i = wrapIndex(index, this.length);
    const target = resizeTarget(width, height);
    return this.resized.get(`${i}:${target}`, () => {
      const side = Math.max(target, Math.round(target * this.renderScale));
      return resizeShorterSide(this.generator.generate(this.seed, i, side, side).image, target);
    });
  }

  picture(index: number, width: number, height: number, rng?: Rng): ImageF32 {
    if (this.preprocess === 'none') return copyPixels(this.generate(index, width, height).image);
    if (!rng) throw new MixingArgumentError('rng', "the reference preprocessing draws a random crop: pass an rng (or use preprocess: 'none')");
    const resized = this.beforeCrop(index, width, height);
    const { top, left } = sampleCrop(rng, resized, width, height);
    return crop(resized, top, left, width, height);
  }
}
