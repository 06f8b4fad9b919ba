import { NpyFormatError } from '../errors';
import { type NpyDtype, descrOf, dtypeInfo, parseDescr } from './dtype';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const ALIGN = 64; // numpy's ARRAY_ALIGN
const GROWTH_AXIS_MAX_DIGITS = 21; // numpy pads the header so the first axis can grow in place

export interface NpyHeader {
  /** Format version (1, 2 or 3). */
  readonly version: 1 | 2 | 3;
  readonly descr: string;
  readonly dtype: NpyDtype;
  readonly littleEndian: boolean;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the first element. */
  readonly dataOffset: number;
  readonly itemBytes: number;
}

/** The human description of the layout a reader wants, for error messages. */
export const npyLayout = "a .npy file (\\x93NUMPY magic, version 1-3, header dict with 'descr', 'fortran_order', 'shape')";

/** Reads a Python literal dict of the kind numpy writes: strings, True/False, tuples of ints. */
function parseHeaderDict(text: string, file: string): Record<string, unknown> {
  let i = 0;
  const fail = (what: string): never => {
    throw new NpyFormatError(file, npyLayout, `${what} at character ${i} of header ${JSON.stringify(text.trim())}`);
  };
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const parseValue = (): unknown => {
    skip();
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('an unterminated string');
      const value = text.slice(i + 1, end);
      i = end + 1;
      return value;
    }
    if (text.startsWith('True', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('False', i)) {
      i += 5;
      return false;
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i++;
      const items: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === close) {
          i++;
          return items;
        }
        items.push(parseValue());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`'${close}' or ','`);
      }
    }
    const number = /^-?\d+L?/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return Number(number[0].replace('L', ''));
    }
    return fail('an unexpected value');
  };
  skip();
  if (text[i] !== '{') fail("'{'");
  i++;
  const dict: Record<string, unknown> = {};
  for (;;) {
    skip();
    if (text[i] === '}') break;
    const key = parseValue();
    if (typeof key !== 'string') fail('a string key');
    skip();
    if (text[i] !== ':') fail("':'");
    i++;
    dict[key as string] = parseValue();
    skip();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail("'}' or ','");
  }
  return dict;
}

/**
 * Parses the header at the start of `bytes` (at least the first few hundred bytes of the
 * file; a header longer than `bytes` is reported with the length needed in `needBytes`).
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 10 || !buffer.subarray(0, 6).equals(MAGIC)) {
    throw new NpyFormatError(file, npyLayout, 'no \\x93NUMPY magic at the start (not a .npy file)');
  }
  const major = buffer[6];
  if (major !== 1 && major !== 2 && major !== 3) {
    throw new NpyFormatError(file, npyLayout, `format version ${major}.${buffer[7]}`);
  }
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? buffer.readUInt16LE(8) : buffer.readUInt32LE(8);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (buffer.length < dataOffset) {
    throw new NpyFormatError(file, npyLayout, `a header of ${headerLength} bytes but only ${buffer.length - 8 - lengthBytes} bytes in the file`);
  }
  const text = buffer.subarray(8 + lengthBytes, dataOffset).toString(major === 3 ? 'utf8' : 'latin1');
  const dict = parseHeaderDict(text, file);
  const { descr, fortran_order: fortranOrder, shape } = dict;
  if (typeof descr !== 'string') {
    throw new NpyFormatError(file, npyLayout, `descr ${JSON.stringify(descr)} (structured dtypes are not supported)`);
  }
  const parsed = parseDescr(descr);
  if (!parsed) {
    throw new NpyFormatError(file, 'one of the dtypes bool, (u)int8/16/32/64, float32, float64', `descr '${descr}'`);
  }
  if (typeof fortranOrder !== 'boolean') throw new NpyFormatError(file, npyLayout, `fortran_order ${JSON.stringify(fortranOrder)}`);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new NpyFormatError(file, npyLayout, `shape ${JSON.stringify(shape)}`);
  }
  return {
    version: major,
    descr,
    dtype: parsed.dtype,
    littleEndian: parsed.littleEndian,
    fortranOrder,
    shape: shape as number[],
    dataOffset,
    itemBytes: dtypeInfo[parsed.dtype].bytes,
  };
}

function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The header numpy's `np.save` writes for a C-order array (byte for byte, numpy 1.24):
 * version 1 unless the header needs more than 65535 bytes, padded for in-place growth of
 * the first axis, and aligned to 64 bytes.
 */
export function encodeNpyHeader(dtype: NpyDtype, shape: readonly number[]): Buffer {
  let dict = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  for (const version of [1, 2] as const) {
    const lengthBytes = version === 1 ? 2 : 4;
    const unpadded = MAGIC.length + 2 + lengthBytes + dict.length + 1;
    // numpy pads by ALIGN - (n % ALIGN): a full 64 spaces when already aligned.
    const padded = dict + ' '.repeat(ALIGN - (unpadded % ALIGN)) + '\n';
    if (version === 1 && padded.length > 0xffff) continue;
    const prefix = Buffer.alloc(8 + lengthBytes);
    MAGIC.copy(prefix, 0);
    prefix[6] = version;
    prefix[7] = 0;
    if (version === 1) prefix.writeUInt16LE(padded.length, 8);
    else prefix.writeUInt32LE(padded.length, 8);
    return Buffer.concat([prefix, Buffer.from(padded, 'latin1')]);
  }
  throw new RangeError('unreachable: version 2 headers hold 4 GiB');
}
