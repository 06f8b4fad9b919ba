import { AugmentArgumentError } from '../errors';
import { assertImage, type ImageU8 } from '../image';
import { applyOpRecord, type ImageSize, type OpName, type OpRecord } from '../ops';
import type { Rng } from '../rng';

type PolicyOp = 'Invert' | 'Contrast' | 'Rotate' | 'TranslateX' | 'TranslateY' | 'Sharpness' | 'ShearY' | 'AutoContrast' | 'Equalize' | 'Posterize' | 'Color' | 'Brightness' | 'Solarize';
type Step = readonly [PolicyOp, number, number | null];

/** AutoAugment's CIFAR-10 policy: 25 sub-policies of two (op, probability, magnitude bin) steps (torchvision's table). */
export const AUTOAUGMENT_CIFAR10: readonly (readonly [Step, Step])[] = [
  [['Invert', 0.1, null], ['Contrast', 0.2, 6]],
  [['Rotate', 0.7, 2], ['TranslateX', 0.3, 9]],
  [['Sharpness', 0.8, 1], ['Sharpness', 0.9, 3]],
  [['ShearY', 0.5, 8], ['TranslateY', 0.7, 9]],
  [['AutoContrast', 0.5, null], ['Equalize', 0.9, null]],
  [['ShearY', 0.2, 7], ['Posterize', 0.3, 7]],
  [['Color', 0.4, 3], ['Brightness', 0.6, 7]],
  [['Sharpness', 0.3, 9], ['Brightness', 0.7, 9]],
  [['Equalize', 0.6, null], ['Equalize', 0.5, null]],
  [['Contrast', 0.6, 7], ['Sharpness', 0.6, 5]],
  [['Color', 0.7, 7], ['TranslateX', 0.5, 8]],
  [['Equalize', 0.3, null], ['AutoContrast', 0.4, null]],
  [['TranslateY', 0.4, 3], ['Sharpness', 0.2, 6]],
  [['Brightness', 0.9, 6], ['Color', 0.2, 8]],
  [['Solarize', 0.5, 2], ['Invert', 0.0, null]],
  [['Equalize', 0.2, null], ['AutoContrast', 0.6, null]],
  [['Equalize', 0.2, null], ['Equalize', 0.6, null]],
  [['Color', 0.9, 9], ['Equalize', 0.6, null]],
  [['AutoContrast', 0.8, null], ['Solarize', 0.2, 8]],
  [['Brightness', 0.1, 3], ['Color', 0.7, 0]],
  [['Solarize', 0.4, 5], ['AutoContrast', 0.9, null]],
  [['TranslateY', 0.9, 9], ['TranslateY', 0.7, 9]],
  [['AutoContrast', 0.9, null], ['Solarize', 0.8, 3]],
  [['Equalize', 0.8, null], ['Invert', 0.1, null]],
  [['TranslateY', 0.7, 9], ['AutoContrast', 0.9, null]],
];

const BINS = 10;
const linspace = (lo: number, hi: number, bin: number) => lo + ((hi - lo) * bin) / (BINS - 1);

/** torchvision's magnitude bins, mapped onto our Pillow ops (factor = 1 + magnitude for the enhancers). */
function toOpRecord(op: PolicyOp, bin: number | null, negative: boolean, size: ImageSize): OpRecord {
  const signed = (v: number) => (negative ? 0 - v : v);
  const b = bin ?? 0;
  const record = (name: OpName, params: Record<string, number>): OpRecord => ({ op: name, params });
  switch (op) {
    case 'ShearY':
      return record('shear_y', { shear: signed(linspace(0, 0.3, b)) });
    case 'TranslateX':
      return record('translate_x', { pixels: Math.trunc(signed(linspace(0, (150 / 331) * size.width, b))) });
    case 'TranslateY':
      return record('translate_y', { pixels: Math.trunc(signed(linspace(0, (150 / 331) * size.height, b))) });
    case 'Rotate':
      return record('rotate', { degrees: signed(linspace(0, 30, b)) });
    case 'Brightness':
      return record('brightness', { factor: 1 + signed(linspace(0, 0.9, b)) });
    case 'Color':
      return record('color', { factor: 1 + signed(linspace(0, 0.9, b)) });
    case 'Contrast':
      return record('contrast', { factor: 1 + signed(linspace(0, 0.9, b)) });
    case 'Sharpness':
      return record('sharpness', { factor: 1 + signed(linspace(0, 0.9, b)) });
    case 'Posterize':
      return record('posterize', { bits: 8 - Math.round(b / ((BINS - 1) / 4)) });
    case 'Solarize':
      return record('solarize', { threshold: linspace(255, 0, b) });
    case 'AutoContrast':
      return record('autocontrast', {});
    case 'Equalize':
      return record('equalize', {});
    case 'Invert':
      return record('invert', {});
  }
}

export interface AutoAugmentParams {
  readonly policy: number;
  /** The steps that fired, in order. */
  readonly ops: readonly OpRecord[];
}

/**
 * torchvision's AutoAugment(CIFAR10) draws: sub-policy uniform over 25, two uniforms (a step
 * fires when u <= p), two signs (negative when 0). Applied with our Pillow-exact ops: bilinear
 * with black fill, shear about the origin as in the original AutoAugment code (torchvision
 * uses nearest and shears about the centre).
 */
export function sampleAutoAugment(rng: Rng, size: ImageSize): AutoAugmentParams {
  const policy = rng.int(0, AUTOAUGMENT_CIFAR10.length);
  const probs = [rng.random(), rng.random()];
  const signs = [rng.int(0, 2), rng.int(0, 2)];
  const ops: OpRecord[] = [];
  AUTOAUGMENT_CIFAR10[policy].forEach(([op, p, bin], i) => {
    if (probs[i] <= p) ops.push(toOpRecord(op, bin, signs[i] === 0, size));
  });
  return { policy, ops };
}

export function applyOpChain(image: ImageU8, ops: readonly OpRecord[]): ImageU8 {
  assertImage(image);
  if (!(image.data instanceof Uint8Array)) throw new AugmentArgumentError('image', 'the ops work on 8-bit images; convert with toUint8(image)');
  let current = image;
  for (const record of ops) current = applyOpRecord(current, record);
  return current === image ? { ...image, data: image.data.slice() } : current;
}

export function applyAutoAugment(image: ImageU8, params: AutoAugmentParams): ImageU8 {
  return applyOpChain(image, params.ops);
}

export function autoAugment(image: ImageU8, rng: Rng): { image: ImageU8; params: AutoAugmentParams } {
  const params = sampleAutoAugment(rng, image);
  return { image: applyAutoAugment(image, params), params };
}
