import fs from 'node:fs';
import { DatasetMissingError, NpyFormatError } from '../errors';
import { type NpyDtype, type NpyTypedArray, dtypeInfo, elementCount } from './dtype';
import { type NpyHeader, npyLayout, parseNpyHeader } from './header';

/** What a caller requires of a .npy file; `null` in `shape` accepts any size on that axis. */
export interface NpyExpectation {
  dtype?: NpyDtype | readonly NpyDtype[];
  shape?: readonly (number | null)[];
  /** The layout in words, for messages: "uint8 (N, 32, 32, 3): N images, HWC". */
  layout?: string;
}

export interface NpyArray<A extends NpyTypedArray = NpyTypedArray> {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** C-order elements, native (little-endian) byte order. */
  readonly data: A;
}

function shapeText(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'N' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function describe(expect: NpyExpectation): string {
  if (expect.layout) return expect.layout;
  const dtypes = expect.dtype === undefined ? 'any dtype' : ([] as NpyDtype[]).concat(expect.dtype).join(' or ');
  return `${dtypes}${expect.shape ? ` ${shapeText(expect.shape)}` : ''}, C order`;
}

function missing(file: string, expect: NpyExpectation): DatasetMissingError {
  return new DatasetMissingError(file, `a .npy file holding ${describe(expect)}`);
}

/** Reads and parses only the header of a .npy file. */
export function readNpyHeader(file: string, expect: NpyExpectation = {}): NpyHeader {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(file, expect);
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    let head = Buffer.alloc(Math.min(size, 4096));
    fs.readSync(fd, head, 0, head.length, 0);
    if (head.length >= 12 && head[6] >= 2) {
      const needed = 12 + head.readUInt32LE(8);
      if (needed > head.length && needed <= size) {
        head = Buffer.alloc(needed);
        fs.readSync(fd, head, 0, needed, 0);
      }
    }
    const header = parseNpyHeader(head, file);
    checkHeader(file, header, size, expect);
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

/** Throws NpyFormatError unless dtype, order, shape and file size are what `expect` asks. */
export function checkHeader(file: string, header: NpyHeader, fileSize: number, expect: NpyExpectation): void {
  const want = describe(expect);
  if (header.fortranOrder) {
    throw new NpyFormatError(file, want, 'Fortran order (re-save it with np.save(path, np.ascontiguousarray(a)))');
  }
  if (expect.dtype !== undefined) {
    const allowed = ([] as NpyDtype[]).concat(expect.dtype);
    if (!allowed.includes(header.dtype)) throw new NpyFormatError(file, want, `dtype ${header.dtype} ('${header.descr}')`);
  }
  if (expect.shape) {
    const ok =
      expect.shape.length === header.shape.length && expect.shape.every((d, i) => d === null || d === header.shape[i]);
    if (!ok) throw new NpyFormatError(file, want, `shape ${shapeText(header.shape)}`);
  }
  const dataBytes = elementCount(header.shape) * header.itemBytes;
  if (fileSize !== header.dataOffset + dataBytes) {
    const verb = fileSize < header.dataOffset + dataBytes ? 'truncated' : 'with trailing bytes';
    throw new NpyFormatError(
      file,
      `${header.dataOffset + dataBytes} bytes (${header.dataOffset} header + ${dataBytes} data for ${shapeText(header.shape)} ${header.dtype})`,
      `${fileSize} bytes: the file is ${verb}`,
    );
  }
}

/** Copies `bytes` into a fresh, aligned typed array of `dtype`, swapping bytes if big-endian. */
export function decodeElements(bytes: Uint8Array, dtype: NpyDtype, littleEndian: boolean): NpyTypedArray {
  const info = dtypeInfo[dtype];
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (!littleEndian && info.bytes > 1) {
    for (let i = 0; i < copy.length; i += info.bytes) copy.subarray(i, i + info.bytes).reverse();
  }
  return info.make(copy.buffer, 0, copy.length / info.bytes);
}

/** Reads a whole .npy file into memory. */
export function readNpy(file: string, expect: NpyExpectation = {}): NpyArray {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(file, expect);
    throw error;
  }
  const header = parseNpyHeader(bytes, file);
  checkHeader(file, header, bytes.length, expect);
  const body = bytes.subarray(header.dataOffset);
  const data =
    header.itemBytes === 1 && header.dtype !== 'int8'
      ? new Uint8Array(body.buffer, body.byteOffset, body.length)
      : decodeElements(body, header.dtype, header.littleEndian);
  return { dtype: header.dtype, shape: header.shape, data };
}

/**
 * Reads a label vector (any integer dtype, or floats holding integers) as Int32Array.
 * `length` checks the count; `numClasses` checks the range.
 */
export function readNpyLabels(file: string, options: { length?: number; numClasses?: number } = {}): Int32Array {
  const layout = `integer labels (${options.length ?? 'N'},) (any integer dtype, or floats holding whole numbers)`;
  const array = readNpy(file, { shape: [options.length ?? null], layout });
  const out = new Int32Array(array.data.length);
  for (let i = 0; i < out.length; i++) {
    const value = Number(array.data[i]);
    const bad = !Number.isInteger(value) || value < 0 || (options.numClasses !== undefined && value >= options.numClasses);
    if (bad) {
      const range = options.numClasses !== undefined ? ` in [0, ${options.numClasses - 1}]` : ' >= 0';
      throw new NpyFormatError(file, `labels that are whole numbers${range}`, `${value} at index ${i}`);
    }
    out[i] = value;
  }
  return out;
}

/**
 * A .npy file opened for random access by rows (the first axis), for arrays too large to
 * hold (a CIFAR-10-P file is about 1 GB). Reads whole blocks of rows and keeps the last one.
 */
export class NpyFile {
  readonly header: NpyHeader;
  /** Rows along the first axis. */
  readonly rows: number;
  /** Elements per row. */
  readonly rowLength: number;
  private fd: number | undefined;
  private block: { start: number; count: number; data: NpyTypedArray } | undefined;
  private readonly blockRows: number;

  private constructor(
    readonly path: string,
    fd: number,
    header: NpyHeader,
  ) {
    this.fd = fd;
    this.header = header;
    this.rows = header.shape[0] ?? 1;
    this.rowLength = elementCount(header.shape.slice(1));
    const rowBytes = Math.max(1, this.rowLength * header.itemBytes);
    this.blockRows = Math.max(1, Math.floor((4 << 20) / rowBytes));
  }

  static open(file: string, expect: NpyExpectation = {}): NpyFile {
    const header = readNpyHeader(file, expect);
    if (header.shape.length === 0) throw new NpyFormatError(file, describe(expect), 'a 0-d array (no rows)');
    return new NpyFile(file, fs.openSync(file, 'r'), header);
  }

  /** Rows [start, start + count) as one C-order typed array (a copy; safe to keep). */
  readRows(start: number, count: number): NpyTypedArray {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > this.rows) {
      throw new RangeError(`${this.path}: rows [${start}, ${start + count}) outside [0, ${this.rows})`);
    }
    const block = this.block;
    if (block && start >= block.start && start + count <= block.start + block.count) {
      const from = (start - block.start) * this.rowLength;
      return block.data.slice(from, from + count * this.rowLength);
    }
    if (count <= this.blockRows) {
      const blockCount = Math.min(this.blockRows, this.rows - start);
      this.block = { start, count: blockCount, data: this.readDirect(start, blockCount) };
      return this.block.data.slice(0, count * this.rowLength);
    }
    return this.readDirect(start, count);
  }

  private readDirect(start: number, count: number): NpyTypedArray {
    if (this.fd === undefined) throw new RangeError(`${this.path}: read after close()`);
    const { itemBytes, dataOffset, dtype, littleEndian } = this.header;
    const bytes = Buffer.alloc(count * this.rowLength * itemBytes);
    let done = 0;
    while (done < bytes.length) {
      const n = fs.readSync(this.fd, bytes, done, bytes.length - done, dataOffset + start * this.rowLength * itemBytes + done);
      if (n === 0) throw new NpyFormatError(this.path, npyLayout, 'end of file while reading rows (the file changed on disk?)');
      done += n;
    }
    if (itemBytes === 1 && dtype !== 'int8') return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    return decodeElements(bytes, dtype, littleEndian);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.block = undefined;
  }
}
