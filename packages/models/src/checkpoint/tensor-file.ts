import * as fs from 'node:fs';
import { CheckpointError } from '../errors';
import { writeFileAtomic } from './atomic-write';

/** A named float32 array with its shape, as stored in a tensor file. */
export interface StoredTensor {
  shape: number[];
  data: Float32Array;
}

/** What a tensor file holds: tensors by name, and string metadata. */
export interface TensorFile {
  tensors: Map<string, StoredTensor>;
  metadata: Record<string, string>;
}

/**
 * Writes tensors in the safetensors format (8-byte little-endian header length, JSON header
 * of dtype/shape/data_offsets plus `__metadata__`, then the raw little-endian bytes), so
 * Python's safetensors or ten lines of numpy can read a checkpoint. Written atomically.
 */
export function writeTensorFile(file: string, tensors: ReadonlyMap<string, StoredTensor>, metadata: Record<string, string> = {}): void {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    if (size !== tensor.data.length) {
      throw new CheckpointError(file, `tensor '${name}' has ${tensor.data.length} values but shape ${JSON.stringify(tensor.shape)}`);
    }
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    chunks.push(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(headerBytes.length));
  writeFileAtomic(file, [length, headerBytes, ...chunks]);
}

/** Reads a file written by writeTensorFile (float32 tensors only); throws CheckpointError on anything else. */
export function readTensorFile(file: string): TensorFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CheckpointError(file, `cannot read it (${(error as Error).message})`);
  }
  if (bytes.length < 8) throw new CheckpointError(file, 'too short to be a tensor file (truncated?)');
  const headerLength = Number(bytes.readBigUInt64LE(0));
  if (8 + headerLength > bytes.length) throw new CheckpointError(file, 'header runs past the end of the file (truncated?)');
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] } | Record<string, string>>;
  try {
    header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  } catch {
    throw new CheckpointError(file, 'the header is not JSON: not a safetensors/vpixmix tensor file');
  }
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, StoredTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new CheckpointError(file, `tensor '${name}' is ${dtype}; only F32 is supported`);
    const [begin, end] = offsets;
    if (dataStart + end > bytes.length || end - begin !== 4 * shape.reduce((a, b) => a * b, 1)) {
      throw new CheckpointError(file, `tensor '${name}' does not fit the file (truncated or corrupt)`);
    }
    // Copy out: the Buffer's offset need not be 4-byte aligned.
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart + begin, dataStart + end));
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata };
}
