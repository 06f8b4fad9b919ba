/**
 * A very small WebAssembly assembler: functions written as flat lists of instruction names
 * and immediates (the text format's linear form, locals by name) turned into module bytes.
 * No toolchain exists here (no wabt), and the kernels are short, so we assemble them at load.
 * It covers only the instructions the kernels use; an unknown one is an error at load time.
 */

export type ValueType = 'i32' | 'f32' | 'f64' | 'v128';

/**
 * An instruction name, or its immediate: a local's name, a constant, `[align, offset]` (memory
 * access), `[align, offset, lane]` (v128.loadN_lane), a block type, or 16 lane indices (i8x16.shuffle).
 */
export type Token = string | number | readonly number[];

export interface WasmFunction {
  readonly name: string;
  /** Parameters in order, by name. */
  readonly params: Readonly<Record<string, ValueType>>;
  readonly locals?: Readonly<Record<string, ValueType>>;
  readonly results?: readonly ValueType[];
  readonly body: readonly Token[];
}

export interface WasmImport {
  readonly module: string;
  readonly name: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

const OPCODES: Readonly<Record<string, number>> = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, return: 0x0f, call: 0x10, drop: 0x1a, select: 0x1b,
  'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22,
  'i32.load': 0x28, 'f32.load': 0x2a, 'f64.load': 0x2b, 'i32.load8_u': 0x2d, 'i32.store': 0x36, 'f32.store': 0x38, 'f64.store': 0x39, 'i32.store8': 0x3a,
  'i32.const': 0x41, 'f32.const': 0x43, 'f64.const': 0x44,
  'i32.eqz': 0x45, 'i32.eq': 0x46, 'i32.ne': 0x47, 'i32.lt_s': 0x48, 'i32.lt_u': 0x49, 'i32.gt_s': 0x4a, 'i32.gt_u': 0x4b, 'i32.le_s': 0x4c, 'i32.ge_s': 0x4e, 'i32.ge_u': 0x4f,
  'f64.eq': 0x61, 'f64.lt': 0x63, 'f64.gt': 0x64, 'f64.le': 0x65, 'f64.ge': 0x66,
  'i32.add': 0x6a, 'i32.sub': 0x6b, 'i32.mul': 0x6c, 'i32.and': 0x71, 'i32.or': 0x72, 'i32.shl': 0x74, 'i32.shr_s': 0x75, 'i32.shr_u': 0x76,
  'f64.floor': 0x9c, 'f64.add': 0xa0, 'f64.sub': 0xa1, 'f64.mul': 0xa2, 'f64.div': 0xa3,
  'i32.trunc_f64_s': 0xaa, 'f32.div': 0x95, 'f32.convert_i32_u': 0xb3, 'f32.demote_f64': 0xb6, 'f64.convert_i32_s': 0xb7, 'f64.convert_i32_u': 0xb8, 'f64.promote_f32': 0xbb,
};
/** SIMD instructions (0xfd prefix): sub-opcode and immediate kind. */
const SIMD: Readonly<Record<string, readonly [number, 'none' | 'memory' | 'memoryLane' | 'lane' | 'lanes16']>> = {
  'v128.load': [0x00, 'memory'], 'v128.store': [0x0b, 'memory'], 'i8x16.shuffle': [0x0d, 'lanes16'],
  'i32x4.splat': [0x11, 'none'], 'f64x2.splat': [0x14, 'none'],
  'i32x4.extract_lane': [0x1b, 'lane'], 'f64x2.extract_lane': [0x21, 'lane'], 'f64x2.replace_lane': [0x22, 'lane'],
  'i32x4.ne': [0x38, 'none'], 'i32x4.gt_u': [0x3c, 'none'], 'v128.and': [0x4e, 'none'], 'v128.any_true': [0x53, 'none'],
  'v128.load64_lane': [0x57, 'memoryLane'], 'v128.load32_zero': [0x5c, 'memory'], 'v128.load64_zero': [0x5d, 'memory'],
  'f32x4.splat': [0x13, 'none'], 'i16x8.extend_low_i8x16_u': [0x89, 'none'], 'i32x4.extend_low_i16x8_u': [0xa9, 'none'],
  'f32x4.div': [0xe7, 'none'], 'f32x4.convert_i32x4_u': [0xfb, 'none'],
  'f32x4.demote_f64x2_zero': [0x5e, 'none'], 'f64x2.promote_low_f32x4': [0x5f, 'none'],
  'i32x4.shl': [0xab, 'none'], 'i32x4.shr_u': [0xad, 'none'], 'i32x4.add': [0xae, 'none'], 'i32x4.sub': [0xb1, 'none'],
  'f64x2.add': [0xf0, 'none'], 'f64x2.sub': [0xf1, 'none'], 'f64x2.mul': [0xf2, 'none'], 'f64x2.div': [0xf3, 'none'], 'f64x2.pmin': [0xf6, 'none'], 'f64x2.pmax': [0xf7, 'none'],
  'f64x2.convert_low_i32x4_u': [0xff, 'none'],
};
const MEMORY_ACCESS = new Set(['i32.load', 'f32.load', 'f64.load', 'i32.load8_u', 'i32.store', 'f32.store', 'f64.store', 'i32.store8']);
const LOCAL_ACCESS = new Set(['local.get', 'local.set', 'local.tee']);
const BLOCK_TYPES: Readonly<Record<string, number>> = { void: 0x40, i32: 0x7f, f32: 0x7d, f64: 0x7c };
const VALUE_TYPES: Readonly<Record<ValueType, number>> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

function signedLeb(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vector = (items: readonly number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...unsignedLeb(bytes.length), ...bytes];
const name = (text: string): number[] => {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
};

function encodeBody(fn: WasmFunction, functionIndex: (name: string) => number): number[] {
  const localIndex = new Map<string, number>();
  for (const key of [...Object.keys(fn.params), ...Object.keys(fn.locals ?? {})]) localIndex.set(key, localIndex.size);
  const out: number[] = [];
  const tokens = fn.body;
  const immediate = (i: number, what: string): Token => {
    if (i >= tokens.length) throw new Error(`wasm ${fn.name}: ${what} needs an immediate`);
    return tokens[i];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const simd = typeof token === 'string' ? SIMD[token] : undefined;
    if (simd) {
      const [code, kind] = simd;
      out.push(0xfd, ...unsignedLeb(code));
      if (kind === 'none') continue;
      const value = immediate(++i, String(token));
      if (kind === 'lane') out.push(Number(value));
      else {
        const numbers = value as readonly number[];
        if (kind === 'lanes16') out.push(...numbers);
        else out.push(...unsignedLeb(numbers[0]), ...unsignedLeb(numbers[1]), ...(kind === 'memoryLane' ? [numbers[2]] : []));
      }
      continue;
    }
    if (typeof token !== 'string' || OPCODES[token] === undefined) throw new Error(`wasm ${fn.name}: unknown instruction ${JSON.stringify(token)} at ${i}`);
    out.push(OPCODES[token]);
    if (LOCAL_ACCESS.has(token)) {
      const local = immediate(++i, token);
      const index = typeof local === 'string' ? localIndex.get(local) : undefined;
      if (index === undefined) throw new Error(`wasm ${fn.name}: unknown local ${JSON.stringify(local)}`);
      out.push(...unsignedLeb(index));
    } else if (token === 'call') {
      out.push(...unsignedLeb(functionIndex(String(immediate(++i, token)))));
    } else if (token === 'br' || token === 'br_if') {
      out.push(...unsignedLeb(Number(immediate(++i, token))));
    } else if (token === 'i32.const') {
      out.push(...signedLeb(Number(immediate(++i, token))));
    } else if (token === 'f32.const') {
      out.push(...new Uint8Array(new Float32Array([Number(immediate(++i, token))]).buffer));
    } else if (token === 'f64.const') {
      out.push(...new Uint8Array(new Float64Array([Number(immediate(++i, token))]).buffer));
    } else if (MEMORY_ACCESS.has(token)) {
      const [align, offset] = immediate(++i, token) as readonly number[];
      out.push(...unsignedLeb(align), ...unsignedLeb(offset));
    } else if (token === 'block' || token === 'loop' || token === 'if') {
      const type = BLOCK_TYPES[String(immediate(++i, token))];
      if (type === undefined) throw new Error(`wasm ${fn.name}: unknown block type after ${token}`);
      out.push(type);
    }
  }
  const groups: [number, ValueType][] = [];
  for (const type of Object.values(fn.locals ?? {})) {
    const last = groups[groups.length - 1];
    if (last && last[1] === type) last[0]++;
    else groups.push([1, type]);
  }
  const body = [...vector(groups.map(([count, type]) => [...unsignedLeb(count), VALUE_TYPES[type]])), ...out, OPCODES.end];
  return [...unsignedLeb(body.length), ...body];
}

/** A module with the given imported functions, one exported memory ("memory") and the exported functions. */
export function assembleModule(functions: readonly WasmFunction[], imports: readonly WasmImport[] = [], memoryPages = 1): Uint8Array {
  const types: string[] = [];
  const typeBytes: number[][] = [];
  const typeIndex = (params: readonly ValueType[], results: readonly ValueType[]): number => {
    const key = `${params.join(',')}->${results.join(',')}`;
    let index = types.indexOf(key);
    if (index < 0) {
      index = types.push(key) - 1;
      typeBytes.push([0x60, ...vector(params.map((t) => [VALUE_TYPES[t]])), ...vector(results.map((t) => [VALUE_TYPES[t]]))]);
    }
    return index;
  };
  const names = [...imports.map((f) => f.name), ...functions.map((f) => f.name)];
  const functionIndex = (fn: string): number => {
    const index = names.indexOf(fn);
    if (index < 0) throw new Error(`wasm: call to unknown function ${fn}`);
    return index;
  };
  const importEntries = imports.map((f) => [...name(f.module), ...name(f.name), 0x00, ...unsignedLeb(typeIndex(f.params, f.results))]);
  const functionTypes = functions.map((f) => unsignedLeb(typeIndex(Object.values(f.params), f.results ?? [])));
  const exports = [...functions.map((f, i) => [...name(f.name), 0x00, ...unsignedLeb(imports.length + i)]), [...name('memory'), 0x02, 0]];
  const bodies = functions.map((f) => encodeBody(f, functionIndex));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(typeBytes)),
    ...(imports.length ? section(2, vector(importEntries)) : []),
    ...section(3, vector(functionTypes)),
    ...section(5, vector([[0x00, ...unsignedLeb(memoryPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
