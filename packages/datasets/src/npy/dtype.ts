/** The .npy element types this package reads and writes (numpy names). */
export type NpyDtype =
  | 'bool'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'float32'
  | 'float64';

export type NpyTypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigUint64Array
  | BigInt64Array
  | Float32Array
  | Float64Array;

interface DtypeInfo {
  /** The type character and size in numpy's descr ('u1', 'f4', ...). */
  code: string;
  bytes: number;
  make(buffer: ArrayBuffer, byteOffset: number, length: number): NpyTypedArray;
}

export const dtypeInfo: Record<NpyDtype, DtypeInfo> = {
  bool: { code: 'b1', bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  uint8: { code: 'u1', bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  int8: { code: 'i1', bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  uint16: { code: 'u2', bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  int16: { code: 'i2', bytes: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  uint32: { code: 'u4', bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  int32: { code: 'i4', bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  uint64: { code: 'u8', bytes: 8, make: (b, o, n) => new BigUint64Array(b, o, n) },
  int64: { code: 'i8', bytes: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  float32: { code: 'f4', bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  float64: { code: 'f8', bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
};

const byCode = new Map(Object.entries(dtypeInfo).map(([name, info]) => [info.code, name as NpyDtype]));

/** numpy's descr for a dtype, little-endian ('|' for single bytes): '<f4', '|u1', '<i8'. */
export function descrOf(dtype: NpyDtype): string {
  const info = dtypeInfo[dtype];
  return `${info.bytes === 1 ? '|' : '<'}${info.code}`;
}

/** Parses a descr such as '<f4', '>i8', '|u1', '=u2'; undefined if unsupported. */
export function parseDescr(descr: string): { dtype: NpyDtype; littleEndian: boolean } | undefined {
  const match = /^([<>|=]?)([a-z]\d+)$/.exec(descr);
  if (!match) return undefined;
  const dtype = byCode.get(match[2]);
  if (!dtype) return undefined;
  const order = match[1];
  // '=' is native order; every machine Node runs on here is little-endian.
  return { dtype, littleEndian: order !== '>' };
}

/** The typed array matching a dtype, given a buffer; what JS code should pass to writeNpy. */
export function dtypeOfArray(array: NpyTypedArray): NpyDtype {
  if (array instanceof Uint8Array) return 'uint8';
  if (array instanceof Int8Array) return 'int8';
  if (array instanceof Uint16Array) return 'uint16';
  if (array instanceof Int16Array) return 'int16';
  if (array instanceof Uint32Array) return 'uint32';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof BigUint64Array) return 'uint64';
  if (array instanceof BigInt64Array) return 'int64';
  if (array instanceof Float32Array) return 'float32';
  return 'float64';
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
