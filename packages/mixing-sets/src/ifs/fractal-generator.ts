import { Rng, type ImageF32, type Seed } from '@vpixmix/augment-core';
import { paintBackground } from '../color/background';
import { MixingArgumentError } from '../errors';
import { colorStd, nonBackgroundShare } from '../quality';
import { PointBuffer } from './chaos-game';
import { sampleFractalStyle, type FractalStyle } from './fractal-style';
import { DEFAULT_IFS_SEARCH, IfsSearchScratch, searchIfs, type IfsSearchOptions } from './ifs-search';
import type { IfsSystem } from './ifs-system';
import { DEFAULT_RENDER, renderIfs, renderPoints, type RenderOptions } from './render-ifs';

export interface FractalOptions {
  search: IfsSearchOptions;
  render: RenderOptions;
  /** A rendered picture whose colour variance (see `colorStd`) is below this gets a new style. */
  minColorStd: number;
  /** Styles tried per picture before the flattest-but-best one is kept. */
  maxStyleAttempts: number;
}

export const DEFAULT_FRACTAL_OPTIONS: FractalOptions = {
  search: DEFAULT_IFS_SEARCH,
  render: DEFAULT_RENDER,
  minColorStd: 0.08,
  maxStyleAttempts: 16,
};

export interface FractalOptionsInput {
  search?: Partial<IfsSearchOptions>;
  render?: Partial<RenderOptions>;
  minColorStd?: number;
  maxStyleAttempts?: number;
}

/** Everything that made one fractal picture: enough to audit it, and recorded in a cache manifest. */
export interface FractalParams {
  generator: 'ifs';
  seed: Seed;
  index: number;
  system: IfsSystem;
  /** FractalDB filling rate of the accepted system. */
  fillRate: number;
  /** Systems drawn until one passed. */
  attempts: number;
  style: FractalStyle;
  /** Styles drawn until the colour-variance check passed. */
  styleAttempts: number;
  /** Orbit points the picture was drawn with. */
  points: number;
  /** Colour variance of the picture (colorStd). */
  colorStd: number;
  /** Share of pixels that differ from the background (nonBackgroundShare). */
  coverage: number;
}

export interface GeneratedFractal {
  image: ImageF32;
  params: FractalParams;
}

function positiveInteger(argument: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new MixingArgumentError(argument, `must be a positive integer, got ${value}`);
}

function inRange(argument: string, value: number, low: number, high: number): void {
  if (!(value >= low && value <= high)) throw new MixingArgumentError(argument, `must be in [${low}, ${high}], got ${value}`);
}

export function resolveFractalOptions(input: FractalOptionsInput = {}): FractalOptions {
  const options: FractalOptions = {
    search: { ...DEFAULT_IFS_SEARCH, ...input.search },
    render: { ...DEFAULT_RENDER, ...input.render },
    minColorStd: input.minColorStd ?? DEFAULT_FRACTAL_OPTIONS.minColorStd,
    maxStyleAttempts: input.maxStyleAttempts ?? DEFAULT_FRACTAL_OPTIONS.maxStyleAttempts,
  };
  const { search, render } = options;
  positiveInteger('search.points', search.points);
  if (!Number.isInteger(search.warmup) || search.warmup < 0 || search.warmup > search.points) {
    throw new MixingArgumentError('search.warmup', `must be an integer in [0, search.points], got ${search.warmup}`);
  }
  inRange('search.minFillRate', search.minFillRate, 0, 1);
  positiveInteger('search.fillGrid', search.fillGrid);
  if (!Number.isInteger(search.fillPad) || search.fillPad < 0 || 2 * search.fillPad >= search.fillGrid) {
    throw new MixingArgumentError('search.fillPad', `must be an integer in [0, fillGrid / 2), got ${search.fillPad}`);
  }
  positiveInteger('search.maxAttempts', search.maxAttempts);
  inRange('render.pointsPerPixel', render.pointsPerPixel, 0, 10_000);
  inRange('render.padRatio', render.padRatio, 0, 0.45);
  inRange('minColorStd', options.minColorStd, 0, 0.5);
  positiveInteger('maxStyleAttempts', options.maxStyleAttempts);
  return options;
}

/**
 * Procedural IFS fractals, FractalDB's search with flame-style colour. Picture `index` of
 * seed `seed` depends only on (seed, index, size): each index draws from its own stream
 * `Rng.seeded(seed).fork('fractal', index)`, so generation order never matters.
 * Holds reusable scratch buffers; one generator per thread.
 */
export class FractalGenerator {
  readonly options: FractalOptions;
  private readonly scratch: IfsSearchScratch;
  private readonly chunks: PointBuffer;

  constructor(options: FractalOptionsInput = {}) {
    this.options = resolveFractalOptions(options);
    this.scratch = new IfsSearchScratch(this.options.search);
    this.chunks = new PointBuffer(Math.min(this.options.search.points, 1 << 16));
  }

  generate(seed: Seed, index: number, width: number, height = width): GeneratedFractal {
    if (!Number.isInteger(index) || index < 0) throw new MixingArgumentError('index', `must be an integer >= 0, got ${index}`);
    positiveInteger('width', width);
    positiveInteger('height', height);
    const pictureRng = Rng.seeded(seed).fork('fractal', index);
    const accepted = searchIfs(pictureRng.fork('search'), this.scratch);
    const orbit = { ...accepted, count: this.options.search.points };
    const { render, minColorStd, maxStyleAttempts } = this.options;
    const draw = (attempt: number) => {
      const style = sampleFractalStyle(pictureRng.fork('style', attempt), accepted.system.maps.length);
      const image = renderIfs(orbit, style, width, height, pictureRng.fork('render'), render, this.chunks);
      return { image, style, std: colorStd(image), attempt };
    };
    let best = draw(1);
    for (let attempt = 2; attempt <= maxStyleAttempts && best.std < minColorStd; attempt++) {
      const next = draw(attempt);
      if (next.std > best.std) best = next;
    }
    const { image, style, std, attempt } = best;
    return {
      image,
      params: {
        generator: 'ifs',
        seed,
        index,
        system: accepted.system,
        fillRate: accepted.fillRate,
        attempts: accepted.attempts,
        style,
        styleAttempts: attempt,
        points: renderPoints(this.options.search.points, width, height, render),
        colorStd: std,
        coverage: nonBackgroundShare(image, paintBackground(style.background, width, height)),
      },
    };
  }
}
