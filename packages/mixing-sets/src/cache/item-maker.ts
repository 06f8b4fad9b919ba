import type { Image } from '@vpixmix/augment-core';
import { FractalGenerator, type FractalOptionsInput } from '../ifs/fractal-generator';
import { FractalZoomSource } from '../sources/zoom-source';
import type { ZoomOptions } from '../zoom/zoom-path';
import type { ManifestItem, MixingSetSpec } from './manifest';

/** One made item: a picture, or a zoom clip as a vertical strip of its frames (one PNG). */
export interface MadeItem {
  image: Image<Float32Array>;
  params: ManifestItem['params'];
}

/** What a worker needs to make items of a set (plain data, structured-cloneable). */
export interface ItemRecipe {
  spec: MixingSetSpec;
  fractal?: FractalOptionsInput;
  zoom?: Partial<ZoomOptions>;
}

/** A function making item i of the set; it holds the generator's scratch, so one per thread. */
export function itemMaker({ spec, fractal, zoom }: ItemRecipe): (index: number) => MadeItem {
  const { width, height, frames } = spec;
  if (spec.generator === 'ifs') {
    const fractals = new FractalGenerator(fractal);
    return (i) => fractals.generate(spec.seed, i, width, height);
  }
  const zooms = new FractalZoomSource({ ...zoom, seed: spec.seed, count: spec.count, memoBytes: 0 });
  return (i) => ({ image: { width, height: height * frames, channels: 3, data: zooms.clip(i, frames, width, height).data }, params: zooms.path(i) });
}
