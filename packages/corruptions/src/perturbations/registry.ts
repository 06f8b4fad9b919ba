import { UnknownCorruptionError } from '../errors';
import { gaussianBlurSequence, motionBlurSequence, zoomBlurSequence } from './blur-sequences';
import { rotateSequence, scaleSequence, shearSequence, tiltSequence, translateSequence } from './geometric-sequences';
import { noiseSequences } from './noise-sequences';
import type { Perturbation } from './types';
import { brightnessSequence, snowSequence, spatterSequence } from './weather-sequences';

/** The 10 perturbations CIFAR-10-P / -100-P's evaluation (cifar-p-eval.py) averages into mFR. */
export const PERTURBATION_NAMES = [
  'gaussian_noise',
  'shot_noise',
  'motion_blur',
  'zoom_blur',
  'spatter',
  'brightness',
  'translate',
  'rotate',
  'tilt',
  'scale',
] as const;

/** The other sequences the -P archives ship: stronger noise, ImageNet-P's snow, the validation set. */
export const EXTRA_PERTURBATION_NAMES = [
  'gaussian_noise_2',
  'gaussian_noise_3',
  'shot_noise_2',
  'shot_noise_3',
  'speckle_noise',
  'speckle_noise_2',
  'speckle_noise_3',
  'gaussian_blur',
  'snow',
  'shear',
] as const;

const all: readonly Perturbation[] = [
  ...noiseSequences,
  motionBlurSequence,
  zoomBlurSequence,
  gaussianBlurSequence,
  spatterSequence,
  snowSequence,
  brightnessSequence,
  translateSequence,
  rotateSequence,
  tiltSequence,
  scaleSequence,
  shearSequence,
];

export const perturbations: Readonly<Record<string, Perturbation>> = Object.fromEntries(all.map((p) => [p.name, p]));

/** The perturbation called `name`, or UnknownCorruptionError listing the names there are. */
export function getPerturbation(name: string): Perturbation {
  const p = perturbations[name];
  if (!p) throw new UnknownCorruptionError('perturbation', name, [...PERTURBATION_NAMES, ...EXTRA_PERTURBATION_NAMES]);
  return p;
}
