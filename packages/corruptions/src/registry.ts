import type { Image, ImageU8 } from '@vpixmix/augment-core';
import type { Rng } from '@vpixmix/augment-core';
import { UnknownCorruptionError } from './errors';
import { defocusBlur, gaussianBlur, glassBlur, motionBlur, zoomBlur } from './image/blur';
import { brightness, contrast, jpegCompression, pixelate, saturate } from './image/digital';
import { elasticTransform } from './image/elastic';
import { gaussianNoise, impulseNoise, shotNoise, speckleNoise } from './image/noise';
import { spatter } from './image/spatter';
import { fog, frost, snow } from './image/weather';
import type { CorruptionParams, ImageCorruption } from './types';

/** The 15 corruptions of CIFAR-10-C / ImageNet-C that mCE averages, in the published order. */
export const CORRUPTION_NAMES = [
  'gaussian_noise',
  'shot_noise',
  'impulse_noise',
  'defocus_blur',
  'glass_blur',
  'motion_blur',
  'zoom_blur',
  'snow',
  'frost',
  'fog',
  'brightness',
  'contrast',
  'elastic_transform',
  'pixelate',
  'jpeg_compression',
] as const;

/** The 4 held-out corruptions the -C archives also ship (not part of mCE). */
export const EXTRA_CORRUPTION_NAMES = ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'] as const;

export type CorruptionName = (typeof CORRUPTION_NAMES)[number] | (typeof EXTRA_CORRUPTION_NAMES)[number];

const all: readonly ImageCorruption<CorruptionParams>[] = [
  gaussianNoise,
  shotNoise,
  impulseNoise,
  defocusBlur,
  glassBlur,
  motionBlur,
  zoomBlur,
  snow,
  frost,
  fog,
  brightness,
  contrast,
  elasticTransform,
  pixelate,
  jpegCompression,
  speckleNoise,
  gaussianBlur,
  spatter,
  saturate,
] as ImageCorruption<CorruptionParams>[];

export const imageCorruptions: Readonly<Record<CorruptionName, ImageCorruption>> = Object.fromEntries(all.map((c) => [c.name, c])) as Record<
  CorruptionName,
  ImageCorruption
>;

/** The corruption called `name`, or UnknownCorruptionError listing the names there are. */
export function getCorruption(name: string): ImageCorruption {
  const corruption = (imageCorruptions as Record<string, ImageCorruption | undefined>)[name];
  if (!corruption) throw new UnknownCorruptionError('corruption', name, [...CORRUPTION_NAMES, ...EXTRA_CORRUPTION_NAMES]);
  return corruption;
}

/** One draw of corruption `name` at `severity` (1-5) on `image`; returns the picture and the params it drew. */
export function corruptImage(image: Image, name: string, severity: number, rng: Rng): { image: ImageU8; params: CorruptionParams } {
  const corruption = getCorruption(name);
  const params = corruption.sampleParams(rng, severity, image);
  return { image: corruption.apply(image, params), params };
}
