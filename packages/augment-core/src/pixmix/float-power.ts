/**
 * x^p for float32 x, accurate to ~1e-13 relative (float32 keeps 6e-8), without Math.pow
 * per value (~50 ns each here): x = 2^E * m with m in [1, 2), m = c_j * (1 + r) for one of
 * 64 centres c_j, and x^p = 2^(pE) * c_j^p * (1 + r)^p with a binomial series in |r| < 2^-7.
 * Setting up one p costs ~65 Math.exp calls, so it pays off even at 32x32.
 */
const CENTRE_BITS = 6;
const CENTRES = 1 << CENTRE_BITS;
export const MANTISSA_SHIFT = 23 - CENTRE_BITS;
export const MANTISSA_SCALE = 2 ** -23;

const lnCentre = new Float64Array(CENTRES);
/** 1 / c_j for the mantissa centres (the series argument is r = m / c_j - 1). */
export const INV_CENTRE = new Float64Array(CENTRES);
const invCentre = INV_CENTRE;
for (let j = 0; j < CENTRES; j++) {
  const centre = 1 + (j + 0.5) / CENTRES;
  lnCentre[j] = Math.log(centre);
  invCentre[j] = 1 / centre;
}

/**
 * Powers of one exponent p: per float32 exponent field and per mantissa centre, plus the series.
 * The exponent table is a chain of multiplications from 2^0, filled only as far as asked
 * (`exponentsOver`): the 8-bit operands need 9 entries, float operands all 254.
 */
export class FloatPower {
  readonly byExponent = new Float64Array(256);
  readonly byCentre = new Float64Array(CENTRES);
  /** Binomial coefficients of (1 + r)^p, r^1 .. r^6. */
  readonly series = new Float64Array(6);
  p = NaN;
  private up = NaN;
  private down = NaN;
  /** byExponent holds the chain over [low, high]. */
  private low = 127;
  private high = 127;

  constructor(p?: number) {
    if (p !== undefined) this.reset(p);
  }

  /** Re-targets this object at exponent p (reusing its tables: the mixings call this per round). */
  reset(p: number): this {
    if (p === this.p) return this;
    this.p = p;
    // 2^(p(e - 127)) by repeated multiplication from 2^0: 127 steps lose < 1e-13.
    this.up = Math.exp(p * Math.LN2);
    this.down = Math.exp(-p * Math.LN2);
    this.byExponent[127] = 1;
    this.low = 127;
    this.high = 127;
    for (let j = 0; j < CENTRES; j++) this.byCentre[j] = Math.exp(p * lnCentre[j]);
    let c = 1;
    for (let k = 0; k < 6; k++) {
      c = (c * (p - k)) / (k + 1);
      this.series[k] = c;
    }
    return this;
  }

  /** The exponent table, valid at least over [low, high] (within 1..254), the chain extended as needed. */
  exponentsOver(low: number, high: number): Float64Array {
    const table = this.byExponent;
    for (let e = this.high + 1; e <= high; e++) table[e] = table[e - 1] * this.up;
    for (let e = this.low - 1; e >= low; e--) table[e] = table[e + 1] * this.down;
    if (high > this.high) this.high = high;
    if (low < this.low) this.low = low;
    return table;
  }

  /** x^p for the float32 x whose bit pattern is `bits` (x >= 0). */
  ofBits(bits: number, x: number): number {
    const exponent = bits >>> 23;
    if (exponent === 0 || exponent >= 255) return x === 0 ? (this.p > 0 ? 0 : Infinity) : Math.pow(x, this.p);
    const mantissa = bits & 0x7fffff;
    const j = mantissa >>> MANTISSA_SHIFT;
    const r = (1 + mantissa * MANTISSA_SCALE) * invCentre[j] - 1;
    const s = this.series;
    const byExponent = exponent < this.low || exponent > this.high ? this.exponentsOver(1, 254) : this.byExponent;
    return byExponent[exponent] * this.byCentre[j] * (1 + r * (s[0] + r * (s[1] + r * (s[2] + r * (s[3] + r * (s[4] + r * s[5]))))));
  }
}

/** Reads a Float32Array's bit patterns without copying. */
export function bitsOf(values: Float32Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length);
}

/** out[i] = x[i]^p (x >= 0), the hot loop of `FloatPower.ofBits` written out for speed; `out` may be `x`. */
export function powerOfFloatsInto(x: Float32Array, power: FloatPower, out: Float32Array): void {
  const bits = bitsOf(x);
  const byExponent = power.exponentsOver(1, 254);
  const { byCentre, series } = power;
  const [s0, s1, s2, s3, s4, s5] = series;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const word = bits[i];
    const exponent = word >>> 23;
    if (exponent === 0 || exponent >= 255) {
      out[i] = power.ofBits(word, x[i]);
      continue;
    }
    const mantissa = word & 0x7fffff;
    const j = mantissa >>> MANTISSA_SHIFT;
    const r = (1 + mantissa * MANTISSA_SCALE) * invCentre[j] - 1;
    out[i] = byExponent[exponent] * byCentre[j] * (1 + r * (s0 + r * (s1 + r * (s2 + r * (s3 + r * (s4 + r * s5))))));
  }
}

/**
 * Where each of the 256 values 2v/255 (the 8-bit operands of multiply, as float32) falls in
 * `ofBits`: its exponent field, its mantissa centre and the series argument r. Precomputed once,
 * so a power table costs one series per value, with exactly `ofBits`'s arithmetic.
 */
const U8_EXPONENT = new Int32Array(256);
const U8_CENTRE = new Int32Array(256);
const U8_R = new Float64Array(256);
let U8_EXPONENT_LOW = 255;
let U8_EXPONENT_HIGH = 0;
{
  const twice = Float32Array.from({ length: 256 }, (_, v) => Math.fround(v / 255) * 2);
  const bits = bitsOf(twice);
  for (let v = 1; v < 256; v++) {
    const mantissa = bits[v] & 0x7fffff;
    U8_EXPONENT[v] = bits[v] >>> 23;
    U8_EXPONENT_LOW = Math.min(U8_EXPONENT_LOW, U8_EXPONENT[v]);
    U8_EXPONENT_HIGH = Math.max(U8_EXPONENT_HIGH, U8_EXPONENT[v]);
    U8_CENTRE[v] = mantissa >>> MANTISSA_SHIFT;
    U8_R[v] = (1 + mantissa * MANTISSA_SCALE) * invCentre[U8_CENTRE[v]] - 1;
  }
}

/** table[v] = (2v/255 as float32)^p for v = 1..255, as `ofBits` computes it; table[0] is left to the caller. */
export function powerTableOfTwiceU8(power: FloatPower, table: Float64Array): void {
  const byExponent = power.exponentsOver(U8_EXPONENT_LOW, U8_EXPONENT_HIGH);
  const { byCentre, series } = power;
  const [s0, s1, s2, s3, s4, s5] = series;
  for (let v = 1; v < 256; v++) {
    const r = U8_R[v];
    table[v] = byExponent[U8_EXPONENT[v]] * byCentre[U8_CENTRE[v]] * (1 + r * (s0 + r * (s1 + r * (s2 + r * (s3 + r * (s4 + r * s5))))));
  }
}
