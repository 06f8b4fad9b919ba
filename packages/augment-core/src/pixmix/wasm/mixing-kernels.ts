import type { Token, WasmFunction, WasmImport } from '../../wasm/assembler';

/**
 * The PixMix mixing loops for an 8-bit partner, as WebAssembly: the same float64 operations in
 * the same order as the JavaScript loops in `mixings.ts` (WebAssembly arithmetic is IEEE-754
 * without fused multiply-add, and division by 2 equals multiplication by 0.5), so the bytes are
 * identical. Each kernel runs four elements at a time in SIMD (two float64 lanes per half,
 * table lookups as lane loads) and hands the last n mod 4 elements, and any group of four the
 * SIMD path does not cover, to its scalar twin.
 *
 * Pointers are byte offsets in the module's memory; `x1` is 8-bit (round one) or float32 (the
 * mixing state), `x2` 8-bit, `out` float32. The tables sit at the fixed offsets below.
 */
export const TABLE1 = 0;
export const TABLE2 = 2048;
/** `FloatPower.byExponent` (256 float64; entry 0 must be 0), `byCentre` and `INV_CENTRE` (64 each). */
export const EXPONENTS = 4096;
export const CENTRES = 6144;
export const INVERSES = 6656;
/** Where the image buffers start. */
export const DATA_START = 8192;

const HALF = 0.5;

/** table[byte at x + offset] as f64. */
const lookup = (table: number, pointer: string, offset = 0): Token[] => [
  'local.get', pointer, 'i32.load8_u', [0, offset], 'i32.const', 3, 'i32.shl', 'f64.load', [3, table],
];

/** A v128 of two float64 table entries at the byte offsets left by `index0` and `index1` (i32 each). */
const gather = (table: number, index0: Token[], index1: Token[]): Token[] => [
  ...index1, ...index0, 'v128.load64_zero', [3, table], 'v128.load64_lane', [3, table, 1],
];

/** Byte offset into a float64 table of the byte at `pointer + offset`. */
const byteIndex = (pointer: string, offset: number): Token[] => ['local.get', pointer, 'i32.load8_u', [0, offset], 'i32.const', 3, 'i32.shl'];

/** Lane k of an i32x4 local holding byte offsets. */
const laneIndex = (local: string, lane: number): Token[] => ['local.get', local, 'i32x4.extract_lane', lane];

/** Lanes 2 and 3 moved down to 0 and 1. */
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** Lanes 0, 1 of the first operand then lanes 0, 1 of the second (two demoted halves joined). */
const JOIN_LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

const f64Splat = (value: number): Token[] => ['f64.const', value, 'f64x2.splat'];

/** Two float64 halves (locals) demoted to float32 and stored as four lanes at `out`. */
const storeHalves = (low: string, high: string): Token[] => [
  'local.get', 'out',
  'local.get', low, 'f32x4.demote_f64x2_zero', 'local.get', high, 'f32x4.demote_f64x2_zero', 'i8x16.shuffle', JOIN_LOW_HALVES,
  'v128.store', [4, 0],
];

/** v > 1 ? 1 : v > 0 ? v : 0 on a v128 on the stack (pmax(0, v) = 0 < v ? v : 0; pmin(w, 1) = 1 < w ? 1 : w). */
const CLIP01_SIMD: Token[] = ['local.set', 'v2', ...f64Splat(0), 'local.get', 'v2', 'f64x2.pmax', ...f64Splat(1), 'f64x2.pmin'];
/** v > 1 ? 1 : v on a v128 on the stack. */
const CLIP_ABOVE_SIMD: Token[] = [...f64Splat(1), 'f64x2.pmin'];

/**
 * A kernel's SIMD loop over groups of four, then its scalar twin on the rest. `group` computes
 * the two halves into locals `low` and `high` (or branches to the scalar twin itself).
 */
function simdKernel(name: string, scalar: WasmFunction, x1Step: number, group: Token[], locals: Readonly<Record<string, 'i32' | 'f64' | 'v128'>>): WasmFunction {
  const scalarArgs = Object.keys(scalar.params).flatMap((p) => (p === 'n' ? ['local.get', 'rest'] : ['local.get', p]));
  return {
    name,
    params: scalar.params,
    locals: { groupsEnd: 'i32', rest: 'i32', low: 'v128', high: 'v128', v2: 'v128', ...locals },
    body: [
      'local.get', 'out', 'local.get', 'n', 'i32.const', -4, 'i32.and', 'i32.const', 2, 'i32.shl', 'i32.add', 'local.set', 'groupsEnd',
      'block', 'void',
      'local.get', 'out', 'local.get', 'groupsEnd', 'i32.ge_u', 'br_if', 0,
      'loop', 'void',
      ...group,
      'local.get', 'x1', 'i32.const', 4 * x1Step, 'i32.add', 'local.set', 'x1',
      'local.get', 'x2', 'i32.const', 4, 'i32.add', 'local.set', 'x2',
      'local.get', 'out', 'i32.const', 16, 'i32.add', 'local.tee', 'out', 'local.get', 'groupsEnd', 'i32.lt_u', 'br_if', 0,
      'end',
      'end',
      'local.get', 'n', 'i32.const', 3, 'i32.and', 'local.set', 'rest',
      ...scalarArgs, 'call', scalar.name,
    ],
  };
}

/** Loops `body` over n elements: x1 advances by `x1Step` bytes, x2 by 1, out by 4. */
function scalarLoop(x1Step: number, body: readonly Token[]): Token[] {
  return [
    'local.get', 'out', 'local.get', 'n', 'i32.const', 2, 'i32.shl', 'i32.add', 'local.set', 'end',
    'block', 'void',
    'local.get', 'out', 'local.get', 'end', 'i32.ge_u', 'br_if', 0,
    'loop', 'void',
    ...body,
    'local.get', 'x1', 'i32.const', x1Step, 'i32.add', 'local.set', 'x1',
    'local.get', 'x2', 'i32.const', 1, 'i32.add', 'local.set', 'x2',
    'local.get', 'out', 'i32.const', 4, 'i32.add', 'local.tee', 'out', 'local.get', 'end', 'i32.lt_u', 'br_if', 0,
    'end',
    'end',
  ];
}

/** out[i] = float32(v > 1 ? 1 : v > 0 ? v : 0), the add rounds' clip (branches: the common case is in range). */
const STORE_CLIPPED01: Token[] = [
  'local.get', 'out',
  'local.get', 'v', 'f64.const', 1, 'f64.gt',
  'if', 'f64', 'f64.const', 1,
  'else', 'local.get', 'v', 'f64.const', 0, 'f64.gt', 'if', 'f64', 'local.get', 'v', 'else', 'f64.const', 0, 'end',
  'end',
  'f32.demote_f64', 'f32.store', [2, 0],
];

/** out[i] = float32(v > 1 ? 1 : v), the multiply rounds' clip (powers are never negative). */
const STORE_CLIPPED_ABOVE: Token[] = [
  'local.get', 'out', 'f64.const', 1, 'local.get', 'v', 'local.get', 'v', 'f64.const', 1, 'f64.gt', 'select', 'f32.demote_f64', 'f32.store', [2, 0],
];

const SCALAR_LOCALS = { end: 'i32', v: 'f64' } as const;
const U8_PARAMS = { x1: 'i32', x2: 'i32', out: 'i32', n: 'i32' } as const;

// add, 8-bit x1: (t1[x1] + t2[x2] + 1) / 2, clipped to [0, 1].
const addU8U8Scalar: WasmFunction = {
  name: 'add_u8u8_scalar',
  params: U8_PARAMS,
  locals: SCALAR_LOCALS,
  body: scalarLoop(1, [...lookup(TABLE1, 'x1'), ...lookup(TABLE2, 'x2'), 'f64.add', 'f64.const', 1, 'f64.add', 'f64.const', HALF, 'f64.mul', 'local.set', 'v', ...STORE_CLIPPED01]),
};
const addU8U8Half = (lane0: number): Token[] => [
  ...gather(TABLE1, byteIndex('x1', lane0), byteIndex('x1', lane0 + 1)),
  ...gather(TABLE2, byteIndex('x2', lane0), byteIndex('x2', lane0 + 1)),
  'f64x2.add', ...f64Splat(1), 'f64x2.add', ...f64Splat(HALF), 'f64x2.mul', ...CLIP01_SIMD,
];
const addU8U8 = simdKernel('add_u8u8', addU8U8Scalar, 1, [...addU8U8Half(0), 'local.set', 'low', ...addU8U8Half(2), 'local.set', 'high', ...storeHalves('low', 'high')], {});

// add, float32 x1: (a (x1 2 - 1) + t2[x2] + 1) / 2, clipped to [0, 1].
const F32_ADD_PARAMS = { x1: 'i32', x2: 'i32', out: 'i32', n: 'i32', a: 'f64' } as const;
const addF32U8Scalar: WasmFunction = {
  name: 'add_f32u8_scalar',
  params: F32_ADD_PARAMS,
  locals: SCALAR_LOCALS,
  body: scalarLoop(4, [
    'local.get', 'a', 'local.get', 'x1', 'f32.load', [2, 0], 'f64.promote_f32', 'f64.const', 2, 'f64.mul', 'f64.const', 1, 'f64.sub', 'f64.mul',
    ...lookup(TABLE2, 'x2'), 'f64.add', 'f64.const', 1, 'f64.add', 'f64.const', HALF, 'f64.mul', 'local.set', 'v',
    ...STORE_CLIPPED01,
  ]),
};
const addF32U8Half = (lane0: number, x: Token[]): Token[] => [
  'local.get', 'a2', ...x, 'f64x2.promote_low_f32x4', ...f64Splat(2), 'f64x2.mul', ...f64Splat(1), 'f64x2.sub', 'f64x2.mul',
  ...gather(TABLE2, byteIndex('x2', lane0), byteIndex('x2', lane0 + 1)),
  'f64x2.add', ...f64Splat(1), 'f64x2.add', ...f64Splat(HALF), 'f64x2.mul', ...CLIP01_SIMD,
];
const addF32U8: WasmFunction = (() => {
  const kernel = simdKernel(
    'add_f32u8',
    addF32U8Scalar,
    4,
    [
      'local.get', 'x1', 'v128.load', [2, 0], 'local.set', 'x',
      ...addF32U8Half(0, ['local.get', 'x']), 'local.set', 'low',
      ...addF32U8Half(2, ['local.get', 'x', 'local.get', 'x', 'i8x16.shuffle', HIGH_TO_LOW]), 'local.set', 'high',
      ...storeHalves('low', 'high'),
    ],
    { x: 'v128', a2: 'v128' },
  );
  return { ...kernel, body: ['local.get', 'a', 'f64x2.splat', 'local.set', 'a2', ...kernel.body] };
})();

// multiply, 8-bit x1: t1[x1] t2[x2] / 2, clipped above at 1.
const multiplyU8U8Scalar: WasmFunction = {
  name: 'multiply_u8u8_scalar',
  params: U8_PARAMS,
  locals: SCALAR_LOCALS,
  body: scalarLoop(1, [...lookup(TABLE1, 'x1'), ...lookup(TABLE2, 'x2'), 'f64.mul', 'f64.const', HALF, 'f64.mul', 'local.set', 'v', ...STORE_CLIPPED_ABOVE]),
};
const multiplyU8U8Half = (lane0: number): Token[] => [
  ...gather(TABLE1, byteIndex('x1', lane0), byteIndex('x1', lane0 + 1)),
  ...gather(TABLE2, byteIndex('x2', lane0), byteIndex('x2', lane0 + 1)),
  'f64x2.mul', ...f64Splat(HALF), 'f64x2.mul', ...CLIP_ABOVE_SIMD,
];
const multiplyU8U8 = simdKernel(
  'multiply_u8u8',
  multiplyU8U8Scalar,
  1,
  [...multiplyU8U8Half(0), 'local.set', 'low', ...multiplyU8U8Half(2), 'local.set', 'high', ...storeHalves('low', 'high')],
  {},
);

/*
 * multiply, float32 x1: float32(x1^a) 2^a t2[x2] / 2, clipped above at 1, with x1^a as
 * `FloatPower.ofBits`: exponents[e] centres[j] (1 + r(s0 + r(s1 + ... + r s5))),
 * r = (1 + m 2^-23) inverses[j] - 1. Scalar: x1 = +0 gives `zeroPower`; subnormal, negative,
 * infinite or NaN x1 ask the `special` import. SIMD: groups with such a lane go to the scalar
 * twin, except +0, which the tables map to 0 (exponents[0] = 0); the caller uses the SIMD
 * kernel only when zeroPower is 0 (a > 0, always so for PixMix's weights).
 */
const F32_MULTIPLY_PARAMS = {
  x1: 'i32', x2: 'i32', out: 'i32', n: 'i32', zeroPower: 'f64', s0: 'f64', s1: 'f64', s2: 'f64', s3: 'f64', s4: 'f64', s5: 'f64', twoToA: 'f64',
} as const;
const SERIES = ['s0', 's1', 's2', 's3', 's4', 's5'];
const multiplyF32U8Scalar: WasmFunction = {
  name: 'multiply_f32u8_scalar',
  params: F32_MULTIPLY_PARAMS,
  locals: { ...SCALAR_LOCALS, word: 'i32', exponent: 'i32', mantissa: 'i32', centre: 'i32', r: 'f64', power: 'f64' },
  body: scalarLoop(4, [
    'local.get', 'x1', 'i32.load', [2, 0], 'local.tee', 'word', 'i32.const', 23, 'i32.shr_u', 'local.tee', 'exponent',
    'i32.const', 1, 'i32.sub', 'i32.const', 254, 'i32.lt_u',
    'if', 'void',
    // 1 <= exponent <= 254: the series.
    'local.get', 'word', 'i32.const', 0x7fffff, 'i32.and', 'local.tee', 'mantissa', 'i32.const', 17, 'i32.shr_u', 'i32.const', 3, 'i32.shl', 'local.set', 'centre',
    'f64.const', 1, 'local.get', 'mantissa', 'f64.convert_i32_u', 'f64.const', 2 ** -23, 'f64.mul', 'f64.add',
    'local.get', 'centre', 'f64.load', [3, INVERSES], 'f64.mul', 'f64.const', 1, 'f64.sub', 'local.set', 'r',
    'local.get', 'exponent', 'i32.const', 3, 'i32.shl', 'f64.load', [3, EXPONENTS],
    'local.get', 'centre', 'f64.load', [3, CENTRES], 'f64.mul',
    'f64.const', 1,
    ...SERIES.flatMap((s) => ['local.get', 'r', 'local.get', s]),
    ...Array.from({ length: 6 }, () => ['f64.mul', 'f64.add']).flat(),
    'f64.mul',
    'local.set', 'power',
    'else',
    'local.get', 'word', 'i32.eqz',
    'if', 'f64', 'local.get', 'zeroPower', 'else', 'local.get', 'word', 'call', 'special', 'end',
    'local.set', 'power',
    'end',
    'local.get', 'power', 'f32.demote_f64', 'f64.promote_f32', 'local.get', 'twoToA', 'f64.mul',
    ...lookup(TABLE2, 'x2'), 'f64.mul', 'f64.const', HALF, 'f64.mul', 'local.set', 'v',
    ...STORE_CLIPPED_ABOVE,
  ]),
};
/** One half (lanes `lane0`, `lane0 + 1`) of the float multiply; `mantissas` leaves those lanes' mantissas in lanes 0 and 1. */
const multiplyF32U8Half = (lane0: number, mantissas: Token[]): Token[] => [
  // r = (1 + m 2^-23) inverses[j] - 1
  ...f64Splat(1), ...mantissas, 'f64x2.convert_low_i32x4_u', ...f64Splat(2 ** -23), 'f64x2.mul', 'f64x2.add',
  ...gather(INVERSES, laneIndex('centre', lane0), laneIndex('centre', lane0 + 1)), 'f64x2.mul', ...f64Splat(1), 'f64x2.sub', 'local.set', 'r',
  // exponents[e] centres[j]
  ...gather(EXPONENTS, laneIndex('exponent', lane0), laneIndex('exponent', lane0 + 1)),
  ...gather(CENTRES, laneIndex('centre', lane0), laneIndex('centre', lane0 + 1)), 'f64x2.mul',
  // (1 + r(s0 + r(s1 + r(s2 + r(s3 + r(s4 + r s5))))))
  ...f64Splat(1),
  ...SERIES.flatMap((s) => ['local.get', 'r', 'local.get', `${s}x2`]),
  ...Array.from({ length: 6 }, () => ['f64x2.mul', 'f64x2.add']).flat(),
  'f64x2.mul',
  // float32, then 2^a t2[x2] / 2
  'f32x4.demote_f64x2_zero', 'f64x2.promote_low_f32x4', 'local.get', 'twoToAx2', 'f64x2.mul',
  ...gather(TABLE2, byteIndex('x2', lane0), byteIndex('x2', lane0 + 1)), 'f64x2.mul', ...f64Splat(HALF), 'f64x2.mul',
  ...CLIP_ABOVE_SIMD,
];
const multiplyF32U8: WasmFunction = (() => {
  const kernel = simdKernel(
    'multiply_f32u8',
    multiplyF32U8Scalar,
    4,
    [
      'local.get', 'x1', 'v128.load', [2, 0], 'local.tee', 'word', 'i32.const', 23, 'i32x4.shr_u', 'local.tee', 'exponent',
      // A lane with exponent outside 1..254 that is not +0: this group goes to the scalar twin.
      'i32.const', 1, 'i32x4.splat', 'i32x4.sub', 'i32.const', 253, 'i32x4.splat', 'i32x4.gt_u',
      'local.get', 'word', 'i32.const', 0, 'i32x4.splat', 'i32x4.ne', 'v128.and', 'v128.any_true',
      'if', 'void',
      ...Object.keys(F32_MULTIPLY_PARAMS).flatMap((p) => (p === 'n' ? ['i32.const', 4] : ['local.get', p])), 'call', 'multiply_f32u8_scalar',
      'else',
      'local.get', 'exponent', 'i32.const', 3, 'i32x4.shl', 'local.set', 'exponent',
      'local.get', 'word', 'i32.const', 0x7fffff, 'i32x4.splat', 'v128.and', 'local.tee', 'mantissa',
      'i32.const', 17, 'i32x4.shr_u', 'i32.const', 3, 'i32x4.shl', 'local.set', 'centre',
      ...multiplyF32U8Half(0, ['local.get', 'mantissa']), 'local.set', 'low',
      ...multiplyF32U8Half(2, ['local.get', 'mantissa', 'local.get', 'mantissa', 'i8x16.shuffle', HIGH_TO_LOW]), 'local.set', 'high',
      ...storeHalves('low', 'high'),
      'end',
    ],
    {
      word: 'v128', exponent: 'v128', mantissa: 'v128', centre: 'v128', r: 'v128', twoToAx2: 'v128',
      ...Object.fromEntries(SERIES.map((s) => [`${s}x2`, 'v128'])),
    },
  );
  const splats = [...SERIES, 'twoToA'].flatMap((s) => ['local.get', s, 'f64x2.splat', 'local.set', s === 'twoToA' ? 'twoToAx2' : `${s}x2`]);
  return { ...kernel, body: [...splats, ...kernel.body] };
})();

// ToTensor of 8-bit values: float32(v / 255), as a single-precision division (equal to rounding the
// double quotient: double rounding is harmless from 53 to 24 bits), four at a time.
const toFloatScalar: WasmFunction = {
  name: 'to_float_scalar',
  params: U8_PARAMS,
  locals: SCALAR_LOCALS,
  body: scalarLoop(1, ['local.get', 'out', 'local.get', 'x1', 'i32.load8_u', [0, 0], 'f32.convert_i32_u', 'f32.const', 255, 'f32.div', 'f32.store', [2, 0]]),
};
const toFloat = simdKernel(
  'to_float',
  toFloatScalar,
  1,
  [
    'local.get', 'out',
    'local.get', 'x1', 'v128.load32_zero', [0, 0], 'i16x8.extend_low_i8x16_u', 'i32x4.extend_low_i16x8_u', 'f32x4.convert_i32x4_u',
    'f32.const', 255, 'f32x4.splat', 'f32x4.div', 'v128.store', [4, 0],
  ],
  {},
);

export const MIXING_KERNELS: readonly WasmFunction[] = [toFloatScalar, toFloat, addU8U8Scalar, addU8U8, addF32U8Scalar, addF32U8, multiplyU8U8Scalar, multiplyU8U8, multiplyF32U8Scalar, multiplyF32U8];

/** `special(word) -> x^a` for the float32 with bits `word` outside the series' range (JavaScript computes it). */
export const MIXING_IMPORTS: readonly WasmImport[] = [{ module: 'env', name: 'special', params: ['i32'], results: ['f64'] }];
