import * as fs from 'node:fs';
import { CheckpointError } from '../errors';
import { writeFileAtomic } from './atomic-write';

/** A named float32 array with its shape, as stored in a tensor file. */
export interface StoredTensor {
  shape: number[];
  data: Float32Array;
  /** How the file stores it: F32 (default) or I64 (integer counters such as BatchNorm's num_batches_tracked). */
  dtype?: 'F32' | 'I64';
}

/** The converter for PyTorch's own files, as a command (from the workspace root). */
export const TORCH_CONVERTER = 'python3 packages/models/scripts/torch_to_safetensors.py';

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
    const bytes =
      tensor.dtype === 'I64'
        ? new Uint8Array(BigInt64Array.from(tensor.data, (v) => BigInt(Math.round(v))).buffer)
        : new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
    header[name] = { dtype: tensor.dtype ?? 'F32', shape: tensor.shape, data_offsets: [offset, offset + bytes.byteLength] };
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(headerBytes.length));
  writeFileAtomic(file, [length, headerBytes, ...chunks]);
}

/** What a PyTorch torch.save file starts with: a zip archive (PyTorch >= 1.6) or a pickle (protocol 2-5). */
function isTorchPickle(bytes: Buffer): boolean {
  const zip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  const pickle = bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
  return zip || pickle;
}

const bytesPer: Record<string, number> = { F32: 4, F64: 8, I64: 8 };

/**
 * Reads a safetensors file (as writeTensorFile writes, or Python's safetensors): F32 tensors,
 * and F64/I64 ones converted to float32 (I64 keeps `dtype: 'I64'`). Throws CheckpointError on
 * anything else, saying how to convert a PyTorch .pth.
 */
export function readTensorFile(file: string): TensorFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CheckpointError(file, `cannot read it (${(error as Error).message})`);
  }
  if (isTorchPickle(bytes)) {
    throw new CheckpointError(file, `is a PyTorch pickle (torch.save), not a safetensors file; convert it with: ${TORCH_CONVERTER} ${file} OUT.safetensors`);
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
    const width = bytesPer[dtype];
    if (!width) throw new CheckpointError(file, `tensor '${name}' is ${dtype}; F32, F64 and I64 are supported`);
    const [begin, end] = offsets;
    const size = shape.reduce((a, b) => a * b, 1);
    if (dataStart + end > bytes.length || end - begin !== width * size) {
      throw new CheckpointError(file, `tensor '${name}' does not fit the file (truncated or corrupt)`);
    }
    // Copy out: the Buffer's offset need not be aligned.
    const raw = new Uint8Array(width * size);
    raw.set(bytes.subarray(dataStart + begin, dataStart + end));
    if (dtype === 'F32') tensors.set(name, { shape, data: new Float32Array(raw.buffer) });
    else if (dtype === 'F64') tensors.set(name, { shape, data: Float32Array.from(new Float64Array(raw.buffer)) });
    else tensors.set(name, { shape, data: Float32Array.from(new BigInt64Array(raw.buffer), (v) => Number(v)), dtype: 'I64' });
  }
  return { tensors, metadata };
}
