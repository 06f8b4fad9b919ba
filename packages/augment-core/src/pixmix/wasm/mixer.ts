import { FloatPower, INV_CENTRE } from '../float-power';
import { affineTable, powerTable, type MixingName } from '../mixings';
import { growMemory, instantiateKernels, type WasmMemory } from '../../wasm/runtime';
import { CENTRES, DATA_START as DATA, EXPONENTS, INVERSES, MIXING_IMPORTS, MIXING_KERNELS, TABLE1, TABLE2 } from './mixing-kernels';

type U8Kernel = (x1: number, x2: number, out: number, n: number) => void;
type FloatMultiplyKernel = (
  x1: number, x2: number, out: number, n: number, zeroPower: number, s0: number, s1: number, s2: number, s3: number, s4: number, s5: number, twoToA: number,
) => void;
interface MixingExports {
  readonly memory: WasmMemory;
  readonly to_float: U8Kernel;
  readonly add_u8u8: U8Kernel;
  readonly add_f32u8: (x1: number, x2: number, out: number, n: number, a: number) => void;
  readonly multiply_u8u8: U8Kernel;
  readonly multiply_f32u8: FloatMultiplyKernel;
  readonly multiply_f32u8_scalar: FloatMultiplyKernel;
}

/** Where the current float x1 power lives, for the kernel's `special` import (not re-entrant, like every scratch here). */
const powerA = new FloatPower();
const powerB = new FloatPower();

/**
 * One thread's WebAssembly mixing state: the mixing state (float32), the 8-bit starting point,
 * partner and mixing picture, and the tables, all in the module's memory, so a PixMix call
 * copies its inputs in once and its result out once. Views are renewed when memory grows.
 */
export class WasmMixer {
  private capacity = 0;
  /** float32 mixing state (round one writes it, later rounds read and write it). */
  state = new Float32Array(0);
  /** 8-bit starting point (the original or its augmented copy): round one's x1. */
  base = new Uint8Array(0);
  /** 8-bit augmented partner. */
  partner = new Uint8Array(0);
  /** 8-bit mixing picture. */
  picture = new Uint8Array(0);
  private table1 = new Float64Array(0);
  private table2 = new Float64Array(0);
  private exponents = new Float64Array(0);
  private centres = new Float64Array(0);
  private stateAt = DATA;
  private baseAt = DATA;
  private partnerAt = DATA;
  private pictureAt = DATA;

  constructor(private readonly kernels: MixingExports) {
    this.renewViews();
    new Float64Array(kernels.memory.buffer, INVERSES, 64).set(INV_CENTRE);
  }

  /** Lays out memory for images of n values (growing it when needed) and returns this. */
  prepare(n: number): this {
    if (n !== this.capacity || this.state.buffer !== this.kernels.memory.buffer) {
      growMemory(this.kernels.memory, DATA + 4 * n + 3 * (n + 8));
      this.capacity = n;
      this.stateAt = DATA;
      this.baseAt = DATA + 4 * n;
      this.partnerAt = this.baseAt + n + 8;
      this.pictureAt = this.partnerAt + n + 8;
      this.renewViews();
    }
    return this;
  }

  private renewViews(): void {
    const buffer = this.kernels.memory.buffer;
    const n = this.capacity;
    this.state = new Float32Array(buffer, this.stateAt, n);
    this.base = new Uint8Array(buffer, this.baseAt, n);
    this.partner = new Uint8Array(buffer, this.partnerAt, n);
    this.picture = new Uint8Array(buffer, this.pictureAt, n);
    this.table1 = new Float64Array(buffer, TABLE1, 256);
    this.table2 = new Float64Array(buffer, TABLE2, 256);
    this.exponents = new Float64Array(buffer, EXPONENTS, 256);
    this.centres = new Float64Array(buffer, CENTRES, 64);
  }

  /** `state` = `base` as ToTensor makes it (float32(v / 255)): the result when there are no rounds. */
  baseToState(): void {
    this.kernels.to_float(this.baseAt, 0, this.stateAt, this.capacity);
  }

  /**
   * One round into `state`: x1 is `base` (round one) or `state`, x2 is `partner` or `picture`.
   * The same bytes as `mixInto(mixing, x1, x2, a, b, state)`.
   */
  mix(mixing: MixingName, firstRound: boolean, partnerIsPicture: boolean, a: number, b: number): void {
    const k = this.kernels;
    const n = this.capacity;
    const x1 = firstRound ? this.baseAt : this.stateAt;
    const x2 = partnerIsPicture ? this.pictureAt : this.partnerAt;
    if (mixing === 'add') {
      affineTable(b, this.table2);
      if (firstRound) {
        affineTable(a, this.table1);
        k.add_u8u8(x1, x2, this.stateAt, n);
      } else k.add_f32u8(x1, x2, this.stateAt, n, a);
      return;
    }
    powerTable(b, true, this.table2, powerB);
    if (firstRound) {
      powerTable(a, false, this.table1, powerA);
      k.multiply_u8u8(x1, x2, this.stateAt, n);
      return;
    }
    const power = powerA.reset(a);
    this.exponents.set(power.exponentsOver(1, 254));
    this.exponents[0] = 0; // +0 through the SIMD path's tables comes out 0
    this.centres.set(power.byCentre);
    const s = power.series;
    const zeroPower = power.ofBits(0, 0);
    // The SIMD kernel maps +0 to 0, right only when 0^a is 0 (a > 0: always, for PixMix's weights).
    const kernel = zeroPower === 0 ? k.multiply_f32u8 : k.multiply_f32u8_scalar;
    kernel(x1, x2, this.stateAt, n, zeroPower, s[0], s[1], s[2], s[3], s[4], s[5], Math.exp(a * Math.LN2));
  }
}

/** x^a for the float32 with bits `word` that the kernel's series does not cover. */
function special(word: number): number {
  return powerA.ofBits(word, new Float32Array(new Int32Array([word]).buffer)[0]);
}

function instantiate(): WasmMixer | null {
  const kernels = instantiateKernels<MixingExports>(MIXING_KERNELS, MIXING_IMPORTS, { env: { special } });
  return kernels && new WasmMixer(kernels);
}

let mixer: WasmMixer | null | undefined;
let enabled = true;

/** This thread's WebAssembly mixer, or null where WebAssembly is unavailable (or switched off). */
export function wasmMixer(): WasmMixer | null {
  if (!enabled) return null;
  if (mixer === undefined) mixer = instantiate();
  return mixer;
}

/** Switches the WebAssembly mixing loops on or off (tests compare both; the bytes are the same). */
export function useWasmMixing(on: boolean): void {
  enabled = on;
}
