import type { ImageU8 } from '../image';
import type { Rng } from '../rng';

export const OP_NAMES = [
  'autocontrast',
  'equalize',
  'posterize',
  'rotate',
  'solarize',
  'shear_x',
  'shear_y',
  'translate_x',
  'translate_y',
  'color',
  'contrast',
  'brightness',
  'sharpness',
] as const;

/** The 13 PixMix ops; `invert` exists for AutoAugment only. */
export type PixmixOpName = (typeof OP_NAMES)[number];
export type OpName = PixmixOpName | 'invert';

export type OpParams = Readonly<Record<string, number>>;

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** What an op drew: enough to apply it again, byte for byte. JSON-serialisable. */
export interface OpRecord {
  readonly op: OpName;
  readonly params: OpParams;
}

/** The one scalar that parameterises an op, as in golden/pil-ops/cases.json's conventions. */
export interface OpParamSpec {
  readonly key: string;
  readonly meaning: string;
}

/**
 * One image op on 8-bit RGB (the reference applies them to PIL images): `sampleParams`
 * draws the reference's level mapping, `apply` is pure (it never touches its input).
 */
export interface AugmentOp<P extends OpParams = OpParams> {
  readonly name: OpName;
  readonly param: OpParamSpec | null;
  sampleParams(rng: Rng, severity: number, size: ImageSize): P;
  /** Params from the scalar convention (`null` for parameterless ops); validates it. */
  fromValue(value: number | null): P;
  /** Applies the op; writes into `out` when given (it must not alias `image.data`). */
  apply(image: ImageU8, params: P, out?: Uint8Array): ImageU8;
}
