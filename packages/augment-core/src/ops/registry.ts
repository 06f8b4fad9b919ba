import { AugmentArgumentError } from '../errors';
import type { ImageU8 } from '../image';
import { autocontrast } from './autocontrast';
import { brightness, color, contrast, sharpness } from './enhance';
import { equalize } from './equalize';
import { invert } from './invert';
import type { AugmentOp, OpName, OpRecord, PixmixOpName } from './op';
import { posterize } from './posterize';
import { rotate } from './rotate';
import { shearX, shearY } from './shear';
import { solarize } from './solarize';
import { translateX, translateY } from './translate';

/** The reference's `augmentations` (9 ops, no overlap with the corruption benchmarks). */
export const AUGMENTATIONS: readonly AugmentOp[] = [autocontrast, equalize, posterize, rotate, solarize, shearX, shearY, translateX, translateY];

/** The reference's `augmentations_all` (13 ops: + color, contrast, brightness, sharpness). */
export const AUGMENTATIONS_ALL: readonly AugmentOp[] = [...AUGMENTATIONS, color, contrast, brightness, sharpness];

const byName = new Map<string, AugmentOp>([...AUGMENTATIONS_ALL, invert].map((op) => [op.name, op]));

export const ALL_OP_NAMES: readonly OpName[] = [...byName.keys()] as OpName[];

/** The op called `name`; an unknown name is a typed error listing the known ones. */
export function getOp(name: string): AugmentOp {
  const op = byName.get(name);
  if (!op) throw new AugmentArgumentError('op', `unknown op '${name}'; known: ${ALL_OP_NAMES.join(', ')}`);
  return op;
}

/** The ops PixMix draws from: all 13 with `allOps`, else the 9. */
export function pixmixOps(allOps: boolean): readonly AugmentOp[] {
  return allOps ? AUGMENTATIONS_ALL : AUGMENTATIONS;
}

export function isPixmixOpName(name: string): name is PixmixOpName {
  return byName.has(name) && name !== 'invert';
}

/** Applies a recorded op again: the same params give the same bytes. */
export function applyOpRecord(image: ImageU8, record: OpRecord, out?: Uint8Array): ImageU8 {
  return getOp(record.op).apply(image, record.params, out);
}
