/**
 * x^p for float32 x, accurate to ~1e-13 relative (float32 keeps 6e-8), without Math.pow
 * per value (~50 ns each here): x = 2^E * m with m in [1, 2), m = c_j * (1 + r) for one of
 * 64 centres c_j, and x^p = 2^(pE) * c_j^p * (1 + r)^p with a binomial series in |r| < 2^-7.
 * Setting up one p costs ~65 Math.exp calls, so it pays off even at 32x32.
 */
const CENTRE_BITS = 6;
const CENTRES = 1 << CENTRE_BITS;
const MANTISSA_SHIFT = 23 - CENTRE_BITS;
const MANTISSA_SCALE = 2 ** -23;

const lnCentre = new Float64Array(CENTRES);
const invCentre = new Float64Array(CENTRES);
for (let j = 0; j < CENTRES; j++) {
  const centre = 1 + (j + 0.5) / CENTRES;
  lnCentre[j] = Math.log(centre);
  invCentre[j] = 1 / centre;
}

/** Powers of one exponent p: per float32 exponent field and per mantissa centre, plus the series. */
export class FloatPower {
  readonly byExponent = new Float64Array(256);
  readonly byCentre = new Float64Array(CENTRES);
  /** Binomial coefficients of (1 + r)^p, r^1 .. r^6. */
  readonly series = new Float64Array(6);
  p = NaN;

  constructor(p?: number) {
    if (p !== undefined) this.reset(p);
  }

  /** Re-targets this object at exponent p (reusing its tables: the mixings call this per round). */
  reset(p: number): this {
    if (p === this.p) return this;
    this.p = p;
    // 2^(p(e - 127)) by repeated multiplication from 2^0: 127 steps lose < 1e-13.
    const up = Math.exp(p * Math.LN2);
    const down = Math.exp(-p * Math.LN2);
    this.byExponent[127] = 1;
    for (let e = 128; e < 255; e++) this.byExponent[e] = this.byExponent[e - 1] * up;
    for (let e = 126; e >= 1; e--) this.byExponent[e] = this.byExponent[e + 1] * down;
    for (let j = 0; j < CENTRES; j++) this.byCentre[j] = Math.exp(p * lnCentre[j]);
    let c = 1;
    for (let k = 0; k < 6; k++) {
      c = (c * (p - k)) / (k + 1);
      this.series[k] = c;
    }
    return this;
  }

  /** x^p for the float32 x whose bit pattern is `bits` (x >= 0). */
  ofBits(bits: number, x: number): number {
    const exponent = bits >>> 23;
    if (exponent === 0 || exponent >= 255) return x === 0 ? (this.p > 0 ? 0 : Infinity) : Math.pow(x, this.p);
    const mantissa = bits & 0x7fffff;
    const j = mantissa >>> MANTISSA_SHIFT;
    const r = (1 + mantissa * MANTISSA_SCALE) * invCentre[j] - 1;
    const s = this.series;
    return this.byExponent[exponent] * this.byCentre[j] * (1 + r * (s[0] + r * (s[1] + r * (s[2] + r * (s[3] + r * (s[4] + r * s[5]))))));
  }
}

/** Reads a Float32Array's bit patterns without copying. */
export function bitsOf(values: Float32Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length);
}

/** out[i] = x[i]^p (x >= 0), the hot loop of `FloatPower.ofBits` written out for speed; `out` may be `x`. */
export function powerOfFloatsInto(x: Float32Array, power: FloatPower, out: Float32Array): void {
  const bits = bitsOf(x);
  const { byExponent, byCentre, series } = power;
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

/** table[i] = values[i]^p into a float64 table (the 8-bit operands' lookup); apart from powerOfFloatsInto so each store stays monomorphic. */
export function powerTableInto(values: Float32Array, power: FloatPower, table: Float64Array): void {
  const bits = bitsOf(values);
  for (let i = 0; i < values.length; i++) table[i] = power.ofBits(bits[i], values[i]);
}
