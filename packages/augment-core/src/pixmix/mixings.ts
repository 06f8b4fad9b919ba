import { bitsOf, FloatPower, INV_CENTRE, MANTISSA_SCALE, MANTISSA_SHIFT, powerOfFloatsInto, powerTableOfTwiceU8 } from './float-power';

export const MIXING_NAMES = ['add', 'multiply'] as const;
export type MixingName = (typeof MIXING_NAMES)[number];

/** An operand of a mixing: 8-bit values (x = v / 255, as ToTensor) or float values in [0, 1]. */
export type MixOperand = Uint8Array | Float32Array;

/** torchvision ToTensor: float32(v / 255). */
export const U8_TO_FLOAT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

const MULTIPLY_FLOOR = Math.fround(1e-37);

/**
 * The reference's mixings, then `clip(·, 0, 1)` as pixmix() does after each round:
 * - add:      (a(2x1 - 1) + b(2x2 - 1) + 1) / 2
 * - multiply: (2x1)^a * max(2x2, 1e-37)^b / 2
 * `out` may be `x1` itself (element-wise). Arithmetic is float64 (the reference: float32
 * tensors), stored as float32, so results agree to float32 rounding.
 */
export function mixInto(mixing: MixingName, x1: MixOperand, x2: MixOperand, a: number, b: number, out: Float32Array): void {
  if (mixing === 'add') addInto(x1, x2, a, b, out);
  else multiplyInto(x1, x2, a, b, out);
}

// Scratch tables reused by every call (one thread per module instance; mixInto is not re-entrant).
const tableA = new Float64Array(256);
const tableB = new Float64Array(256);
const powerA = new FloatPower();
const powerB = new FloatPower();

/** a * (2x - 1) for the 256 8-bit values. */
export function affineTable(coefficient: number, table: Float64Array): Float64Array {
  for (let v = 0; v < 256; v++) table[v] = coefficient * (U8_TO_FLOAT[v] * 2 - 1);
  return table;
}

function addInto(x1: MixOperand, x2: MixOperand, a: number, b: number, out: Float32Array): void {
  const n = out.length;
  if (x1 instanceof Uint8Array && x2 instanceof Uint8Array) {
    const t1 = affineTable(a, tableA);
    const t2 = affineTable(b, tableB);
    for (let i = 0; i < n; i++) {
      const v = (t1[x1[i]] + t2[x2[i]] + 1) / 2;
      out[i] = v > 1 ? 1 : v > 0 ? v : 0;
    }
  } else if (x2 instanceof Uint8Array) {
    const t2 = affineTable(b, tableB);
    for (let i = 0; i < n; i++) {
      const v = (a * (x1[i] * 2 - 1) + t2[x2[i]] + 1) / 2;
      out[i] = v > 1 ? 1 : v > 0 ? v : 0;
    }
  } else if (x1 instanceof Uint8Array) {
    const t1 = affineTable(a, tableA);
    for (let i = 0; i < n; i++) {
      const v = (t1[x1[i]] + b * (x2[i] * 2 - 1) + 1) / 2;
      out[i] = v > 1 ? 1 : v > 0 ? v : 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = (a * (x1[i] * 2 - 1) + b * (x2[i] * 2 - 1) + 1) / 2;
      out[i] = v > 1 ? 1 : v > 0 ? v : 0;
    }
  }
}

const LN_FLOOR = Math.log(MULTIPLY_FLOOR);

/** max(2x, floor)^p for the 256 8-bit values (0^p = 0 for p > 0). */
export function powerTable(p: number, floored: boolean, table: Float64Array, power: FloatPower): Float64Array {
  powerTableOfTwiceU8(power.reset(p), table);
  table[0] = floored ? Math.exp(p * LN_FLOOR) : 0;
  return table;
}

let scratch = new Float32Array(0);

/** max(2x, 1e-37)^p for float x, written into a reused scratch buffer. */
function flooredPowers(x: Float32Array, p: number): Float32Array {
  if (scratch.length < x.length) scratch = new Float32Array(x.length);
  const powers = scratch.subarray(0, x.length);
  powerOfFloatsInto(x, powerB.reset(p), powers);
  const twoToP = Math.exp(p * Math.LN2);
  const floorPower = Math.exp(p * LN_FLOOR);
  for (let i = 0; i < x.length; i++) powers[i] = x[i] * 2 > MULTIPLY_FLOOR ? powers[i] * twoToP : floorPower;
  return powers;
}

/*
 * The multiply kernels, one per operand kind so every loop stays monomorphic. Like the
 * reference's float32 tensors, each power is a float32 before the product. The float x1
 * kernels take (2x)^a as 2^a * x^a, x^a from x's bits (`FloatPower`), fused with the product.
 */
function multiplyU8U8(x1: Uint8Array, table1: Float64Array, x2: Uint8Array, table2: Float64Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = (table1[x1[i]] * table2[x2[i]]) / 2;
    out[i] = v > 1 ? 1 : v;
  }
}

function multiplyU8F32(x1: Uint8Array, table1: Float64Array, powers2: Float32Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = (table1[x1[i]] * powers2[i]) / 2;
    out[i] = v > 1 ? 1 : v;
  }
}

function multiplyF32U8(x1: Float32Array, power: FloatPower, x2: Uint8Array, table2: Float64Array, out: Float32Array): void {
  const bits = bitsOf(x1);
  const byExponent = power.exponentsOver(1, 254);
  const { byCentre, series } = power;
  const [s0, s1, s2, s3, s4, s5] = series;
  const twoToA = Math.exp(power.p * Math.LN2);
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const word = bits[i];
    const exponent = word >>> 23;
    let x1a: number;
    if (exponent === 0 || exponent >= 255) x1a = Math.fround(power.ofBits(word, x1[i]));
    else {
      const mantissa = word & 0x7fffff;
      const j = mantissa >>> MANTISSA_SHIFT;
      const r = (1 + mantissa * MANTISSA_SCALE) * INV_CENTRE[j] - 1;
      x1a = Math.fround(byExponent[exponent] * byCentre[j] * (1 + r * (s0 + r * (s1 + r * (s2 + r * (s3 + r * (s4 + r * s5)))))));
    }
    const v = (x1a * twoToA * table2[x2[i]]) / 2;
    out[i] = v > 1 ? 1 : v;
  }
}

/** Both operands float (float mixing pictures only): x1^a first, as float32, then the product. */
function multiplyF32F32(x1: Float32Array, power: FloatPower, powers2: Float32Array, out: Float32Array): void {
  powerOfFloatsInto(x1, power, out);
  const twoToA = Math.exp(power.p * Math.LN2);
  for (let i = 0; i < out.length; i++) {
    const v = (out[i] * twoToA * powers2[i]) / 2;
    out[i] = v > 1 ? 1 : v;
  }
}

function multiplyInto(x1: MixOperand, x2: MixOperand, a: number, b: number, out: Float32Array): void {
  if (x1 instanceof Uint8Array) {
    const table1 = powerTable(a, false, tableA, powerA);
    if (x2 instanceof Uint8Array) multiplyU8U8(x1, table1, x2, powerTable(b, true, tableB, powerB), out);
    else multiplyU8F32(x1, table1, flooredPowers(x2, b), out);
  } else if (x2 instanceof Uint8Array) {
    multiplyF32U8(x1, powerA.reset(a), x2, powerTable(b, true, tableB, powerB), out);
  } else {
    multiplyF32F32(x1, powerA.reset(a), flooredPowers(x2, b), out);
  }
}
