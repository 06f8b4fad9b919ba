import type { ImageU8 } from '../image';
import { getOp } from '../ops';
import type { OpName, OpRecord } from '../ops';
import type { PixmixRecord } from '../pixmix/record';

/**
 * A line-by-line transcription of the official PixMix CIFAR code (andyzoujm/pixmix:
 * cifar.py `pixmix`, `augment_input`; pixmix_utils.py `get_ab`, `add`, `multiply` and the op
 * level mappings), kept independent of the library's sampler and mixing kernels so tests can
 * hold one against the other:
 * - draws come from a plain uniform source standing in for numpy's global generator, in the
 *   reference's order; Beta(beta, 1) and Beta(1, beta) by inverting their CDFs (u^(1/beta) and
 *   1 - u^(1/beta)), not through gamma draws;
 * - mixing is torch float32 arithmetic, every operation rounded to float32.
 * Only the Pillow ops themselves are the library's (they are pinned to Pillow's bytes elsewhere).
 */
export interface ReferenceArgs {
  readonly k: number;
  readonly beta: number;
  readonly aug_severity: number;
  readonly all_ops: boolean;
}

/** numpy's global generator, as the reference uses it. */
export interface NumpyLike {
  random(): number;
  uniform(low: number, high: number): number;
  randint(high: number): number;
  choice<T>(items: readonly T[]): T;
  beta(a: number, b: number): number;
}

/** A NumpyLike over any uniform [0, 1) source. */
export function numpyLike(uniform: () => number): NumpyLike {
  return {
    random: uniform,
    uniform: (low, high) => low + (high - low) * uniform(),
    randint: (high) => Math.floor(uniform() * high),
    choice: (items) => items[Math.floor(uniform() * items.length)],
    beta(a, b) {
      if (b === 1) return uniform() ** (1 / a);
      if (a === 1) return 1 - uniform() ** (1 / b);
      throw new Error('the transcription only needs Beta(beta, 1) and Beta(1, beta)');
    },
  };
}

const intParameter = (level: number, maxval: number) => Math.trunc((level * maxval) / 10);
const floatParameter = (level: number, maxval: number) => (level * maxval) / 10;

type RefOp = (np: NumpyLike, level: number, imageSize: number) => OpRecord;

/** pixmix_utils.py's ops, as the records our Pillow-exact ops apply. */
const REF_OPS: Readonly<Record<string, RefOp>> = {
  autocontrast: () => ({ op: 'autocontrast', params: {} }),
  equalize: () => ({ op: 'equalize', params: {} }),
  posterize: (np, level) => ({ op: 'posterize', params: { bits: 4 - intParameter(np.uniform(0.1, level), 4) } }),
  rotate: (np, level) => {
    let degrees = intParameter(np.uniform(0.1, level), 30);
    if (np.uniform(0, 1) > 0.5) degrees = -degrees;
    return { op: 'rotate', params: { degrees } };
  },
  solarize: (np, level) => ({ op: 'solarize', params: { threshold: 256 - intParameter(np.uniform(0.1, level), 256) } }),
  shear_x: (np, level) => signed(np, 'shear_x', 'shear', floatParameter(np.uniform(0.1, level), 0.3)),
  shear_y: (np, level) => signed(np, 'shear_y', 'shear', floatParameter(np.uniform(0.1, level), 0.3)),
  translate_x: (np, level, size) => signed(np, 'translate_x', 'pixels', intParameter(np.uniform(0.1, level), size / 3)),
  translate_y: (np, level, size) => signed(np, 'translate_y', 'pixels', intParameter(np.uniform(0.1, level), size / 3)),
  color: (np, level) => ({ op: 'color', params: { factor: floatParameter(np.uniform(0.1, level), 1.8) + 0.1 } }),
  contrast: (np, level) => ({ op: 'contrast', params: { factor: floatParameter(np.uniform(0.1, level), 1.8) + 0.1 } }),
  brightness: (np, level) => ({ op: 'brightness', params: { factor: floatParameter(np.uniform(0.1, level), 1.8) + 0.1 } }),
  sharpness: (np, level) => ({ op: 'sharpness', params: { factor: floatParameter(np.uniform(0.1, level), 1.8) + 0.1 } }),
};

function signed(np: NumpyLike, op: OpName, key: string, value: number): OpRecord {
  return { op, params: { [key]: np.uniform(0, 1) > 0.5 ? -value : value } };
}

const AUGMENTATIONS = ['autocontrast', 'equalize', 'posterize', 'rotate', 'solarize', 'shear_x', 'shear_y', 'translate_x', 'translate_y'];
const AUGMENTATIONS_ALL = [...AUGMENTATIONS, 'color', 'contrast', 'brightness', 'sharpness'];

/** `augment_input`: the op chosen, then its own draws (IMAGE_SIZE is the image's side). */
function augmentInput(np: NumpyLike, args: ReferenceArgs, imageSize: number): OpRecord {
  const name = np.choice(args.all_ops ? AUGMENTATIONS_ALL : AUGMENTATIONS);
  return REF_OPS[name](np, args.aug_severity, imageSize);
}

/** `get_ab(beta)`, with its np.float32 casts. */
function getAb(np: NumpyLike, beta: number): { a: number; b: number } {
  if (np.random() < 0.5) return { a: Math.fround(np.beta(beta, 1)), b: Math.fround(np.beta(1, beta)) };
  return { a: Math.fround(1 + Math.fround(np.beta(1, beta))), b: -Math.fround(np.beta(1, beta)) };
}

/** The draws of one `pixmix()` call in the reference's order, as a record. */
export function referenceDraws(np: NumpyLike, args: ReferenceArgs, imageSize: number): PixmixRecord {
  const base = np.random() < 0.5 ? augmentInput(np, args, imageSize) : null;
  const rounds = [];
  const count = np.randint(args.k + 1);
  for (let r = 0; r < count; r++) {
    const partner = np.random() < 0.5 ? augmentInput(np, args, imageSize) : ('mixing' as const);
    const mixing = np.choice(['add', 'multiply'] as const);
    // `mixed_op(mixed, aug_image_copy, beta)` draws (a, b) inside the mixing.
    const { a, b } = getAb(np, args.beta);
    rounds.push({ partner, mixing, a, b });
  }
  return { base, rounds };
}

/** ToTensor: float32(v / 255). */
function tensorize(image: ImageU8): Float32Array {
  return Float32Array.from(image.data, (v) => v / 255);
}

const f = Math.fround;

/** pixmix_utils.add then torch.clip(0, 1), element by element in float32. */
function add(x1: Float32Array, x2: Float32Array, a: number, b: number): Float32Array {
  return x1.map((v, i) => {
    const out = f(f(a * f(f(v * 2) - 1)) + f(b * f(f(x2[i] * 2) - 1)));
    return Math.min(1, Math.max(0, f(f(out + 1) / 2)));
  });
}

/** pixmix_utils.multiply then torch.clip(0, 1), in float32. */
function multiply(x1: Float32Array, x2: Float32Array, a: number, b: number): Float32Array {
  const floor = f(1e-37);
  return x1.map((v, i) => {
    const out = f(f(f(v * 2) ** a) * f(Math.max(f(x2[i] * 2), floor) ** b));
    return Math.min(1, Math.max(0, f(out / 2)));
  });
}

/** Applies a record as the reference's `pixmix()` would with those draws: float32 math, ops on the 8-bit original. */
export function referenceApply(orig: ImageU8, mixingPic: ImageU8, record: PixmixRecord): Float32Array {
  const augment = (op: OpRecord) => tensorize(getOp(op.op).apply(orig, op.params));
  let mixed = record.base ? augment(record.base) : tensorize(orig);
  for (const round of record.rounds) {
    const partner = round.partner === 'mixing' ? tensorize(mixingPic) : augment(round.partner);
    mixed = round.mixing === 'add' ? add(mixed, partner, round.a, round.b) : multiply(mixed, partner, round.a, round.b);
  }
  return mixed;
}

/** The reference's `pixmix(orig, mixing_pic)` (before Normalize), drawing from `np`. */
export function referencePixmix(np: NumpyLike, args: ReferenceArgs, orig: ImageU8, mixingPic: ImageU8): { image: Float32Array; record: PixmixRecord } {
  const record = referenceDraws(np, args, orig.width);
  return { image: referenceApply(orig, mixingPic, record), record };
}
