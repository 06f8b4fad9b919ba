import { FloatPower, powerOfFloatsInto, powerTableInto } from './float-power';

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
function affineTable(coefficient: number, table: Float64Array): Float64Array {
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
const TWICE_U8 = Float32Array.from(U8_TO_FLOAT, (x) => x * 2);

/** max(2x, floor)^p for the 256 8-bit values (0^p = 0 for p > 0). */
function powerTable(p: number, floored: boolean, table: Float64Array, power: FloatPower): Float64Array {
  powerTableInto(TWICE_U8, power.reset(p), table);
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

function multiplyInto(x1: MixOperand, x2: MixOperand, a: number, b: number, out: Float32Array): void {
  const n = out.length;
  // Like the reference's float32 tensors, each power is a float32 before the product.
  const powers2 = x2 instanceof Uint8Array ? null : flooredPowers(x2, b);
  const table2 = x2 instanceof Uint8Array ? powerTable(b, true, tableB, powerB) : null;
  if (x1 instanceof Uint8Array) {
    const p1 = powerTable(a, false, tableA, powerA);
    if (table2 && x2 instanceof Uint8Array) {
      for (let i = 0; i < n; i++) {
        const v = (p1[x1[i]] * table2[x2[i]]) / 2;
        out[i] = v > 1 ? 1 : v;
      }
    } else if (powers2) {
      for (let i = 0; i < n; i++) {
        const v = (p1[x1[i]] * powers2[i]) / 2;
        out[i] = v > 1 ? 1 : v;
      }
    }
    return;
  }
  // (2x)^a = 2^a x^a: the float operand's power is taken on x itself, from its bits.
  powerOfFloatsInto(x1, powerA.reset(a), out);
  const twoToA = Math.exp(a * Math.LN2);
  if (table2 && x2 instanceof Uint8Array) {
    for (let i = 0; i < n; i++) {
      const v = (out[i] * twoToA * table2[x2[i]]) / 2;
      out[i] = v > 1 ? 1 : v;
    }
  } else if (powers2) {
    for (let i = 0; i < n; i++) {
      const v = (out[i] * twoToA * powers2[i]) / 2;
      out[i] = v > 1 ? 1 : v;
    }
  }
}
