import fs from 'node:fs';
import path from 'node:path';
import { DatasetArgumentError } from '../errors';
import { type NpyDtype, type NpyTypedArray, dtypeInfo, dtypeOfArray, elementCount } from './dtype';
import { encodeNpyHeader } from './header';

function checkShape(shape: readonly number[]): void {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new DatasetArgumentError('shape', `must be non-negative integers, got (${shape.join(', ')})`);
  }
}

function bytesOf(data: NpyTypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Writes a C-order array as a .npy file byte-identical to numpy's `np.save` (version 1
 * header, 64-byte aligned, little-endian). The dtype follows the typed array unless given
 * ('bool' for a Uint8Array of 0/1).
 */
export function writeNpy(file: string, array: { shape: readonly number[]; data: NpyTypedArray; dtype?: NpyDtype }): void {
  const dtype = array.dtype ?? dtypeOfArray(array.data);
  checkShape(array.shape);
  if (dtypeInfo[dtype].bytes !== array.data.BYTES_PER_ELEMENT) {
    throw new DatasetArgumentError('dtype', `${dtype} does not match a ${array.data.constructor.name}`);
  }
  if (array.data.length !== elementCount(array.shape)) {
    throw new DatasetArgumentError('data', `shape (${array.shape.join(', ')}) needs ${elementCount(array.shape)} elements, got ${array.data.length}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w');
  try {
    fs.writeSync(fd, encodeNpyHeader(dtype, array.shape));
    fs.writeSync(fd, bytesOf(array.data));
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

/**
 * Streams a large array to a .npy file row block by row block (a -C set is 50,000 images
 * per severity). The file appears under its name only when `close()` finds every element
 * written; until then it is `<file>.partial`.
 */
export class NpyWriter {
  private fd: number | undefined;
  private written = 0;
  readonly total: number;
  private readonly partial: string;

  constructor(
    readonly file: string,
    readonly dtype: NpyDtype,
    readonly shape: readonly number[],
  ) {
    checkShape(shape);
    this.total = elementCount(shape);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.partial = `${file}.partial`;
    this.fd = fs.openSync(this.partial, 'w');
    fs.writeSync(this.fd, encodeNpyHeader(dtype, shape));
  }

  /** Appends elements in C order; their count may be any part of the whole. */
  write(data: NpyTypedArray): void {
    if (this.fd === undefined) throw new DatasetArgumentError(this.file, 'write() after close()');
    if (dtypeOfArray(data) !== this.dtype && !(this.dtype === 'bool' && data instanceof Uint8Array)) {
      throw new DatasetArgumentError('data', `${this.file} holds ${this.dtype}, got a ${data.constructor.name}`);
    }
    if (this.written + data.length > this.total) {
      throw new DatasetArgumentError('data', `${this.file}: shape (${this.shape.join(', ')}) holds ${this.total} elements; this write would make ${this.written + data.length}`);
    }
    fs.writeSync(this.fd, bytesOf(data));
    this.written += data.length;
  }

  /** Elements written so far. */
  get count(): number {
    return this.written;
  }

  /** Finishes the file; throws (leaving `<file>.partial`) if elements are missing. */
  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.written !== this.total) {
      throw new DatasetArgumentError(
        'data',
        `${this.file}: ${this.written} of ${this.total} elements written; the incomplete file is left at ${this.partial}`,
      );
    }
    fs.renameSync(this.partial, this.file);
  }

  /** Closes without finishing: removes the partial file. */
  abort(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.partial, { force: true });
  }
}
