import type { ImageF32, MixingSource, Rng, Seed } from '@vpixmix/augment-core';
import { MixingArgumentError } from '../errors';
import { FractalGenerator, type FractalOptionsInput, type GeneratedFractal } from '../ifs/fractal-generator';
import { copyPixels, DEFAULT_MEMO_BYTES, FifoMemo, wrapIndex } from './memo';

export interface FractalSourceOptions extends FractalOptionsInput {
  seed?: Seed;
  /** Distinct pictures (indices wrap modulo this). Default 1000. */
  count?: number;
  /** Bytes of drawn pictures kept in memory (default 64 MiB; 0 draws every time). */
  memoBytes?: number;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new MixingArgumentError('count', `must be an integer >= 1, got ${count}`);
}

/**
 * Procedural IFS fractals as a mixing source. Picture i is a function of (seed, i, size)
 * only; the rng passed to `picture` is not used (there is no random preprocessing).
 * For training, generate a set once (`writeFractalSet`, `vpixmix fractals`) and load it.
 */
export class FractalSource implements MixingSource {
  readonly name: string;
  readonly length: number;
  readonly seed: Seed;
  private readonly generator: FractalGenerator;
  private readonly memo: FifoMemo<GeneratedFractal>;

  constructor(options: FractalSourceOptions = {}) {
    const { seed = 0, count = 1000, memoBytes = DEFAULT_MEMO_BYTES, ...generatorOptions } = options;
    checkCount(count);
    if (!(memoBytes >= 0)) throw new MixingArgumentError('memoBytes', `must be >= 0, got ${memoBytes}`);
    this.seed = seed;
    this.length = count;
    this.name = `fractals(seed=${String(seed)}, count=${count})`;
    this.generator = new FractalGenerator(generatorOptions);
    this.memo = new FifoMemo(memoBytes, (made) => made.image.data.byteLength);
  }

  /** The picture and the parameters that made it. */
  generate(index: number, width: number, height = width): GeneratedFractal {
    const i = wrapIndex(index, this.length);
    return this.memo.get(`${i}:${width}x${height}`, () => this.generator.generate(this.seed, i, width, height));
  }

  picture(index: number, width: number, height: number, _rng?: Rng): ImageF32 {
    return copyPixels(this.generate(index, width, height).image);
  }
}
