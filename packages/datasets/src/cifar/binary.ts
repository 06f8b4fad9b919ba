import fs from 'node:fs';
import path from 'node:path';
import type { ImageU8 } from '@vpixmix/augment-core';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';

export const CIFAR_SIZE = 32;
const PIXELS = CIFAR_SIZE * CIFAR_SIZE;

/**
 * The CIFAR binary record: `labelBytes` label bytes (CIFAR-10: the label; CIFAR-100: coarse
 * then fine), then 3072 bytes of pixels: the 1024 red values row-major, then green, then blue.
 */
export function cifarRecordLayout(labelBytes: 1 | 2): string {
  const labels = labelBytes === 1 ? '1 label byte (0-9)' : '1 coarse label byte (0-19) and 1 fine label byte (0-99)';
  return `records of ${labelBytes + 3 * PIXELS} bytes: ${labels}, then 1024 red, 1024 green, 1024 blue bytes (32x32, row-major)`;
}

export interface CifarBatch {
  /** N x 32 x 32 x 3, HWC. */
  readonly pixels: Uint8Array;
  /** The CIFAR-10 label, or CIFAR-100's fine label. */
  readonly labels: Uint8Array;
  /** CIFAR-100's coarse label. */
  readonly coarse?: Uint8Array;
}

/** Reads one CIFAR binary file (`data_batch_1.bin`, `test_batch.bin`, `train.bin`, `test.bin`) and converts CHW records to HWC. */
export function readCifarBinary(file: string, labelBytes: 1 | 2, maxLabel: number): CifarBatch {
  const recordBytes = labelBytes + 3 * PIXELS;
  if (!fs.existsSync(file)) throw new DatasetMissingError(file, `a CIFAR binary file of ${cifarRecordLayout(labelBytes)}`);
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0 || bytes.length % recordBytes !== 0) {
    throw new DatasetFormatError(file, `a whole number of ${cifarRecordLayout(labelBytes)}`, `${bytes.length} bytes (${(bytes.length / recordBytes).toFixed(3)} records)`);
  }
  const n = bytes.length / recordBytes;
  const pixels = new Uint8Array(n * 3 * PIXELS);
  const labels = new Uint8Array(n);
  const coarse = labelBytes === 2 ? new Uint8Array(n) : undefined;
  const maxCoarse = 19;
  for (let r = 0; r < n; r++) {
    const at = r * recordBytes;
    const label = bytes[at + labelBytes - 1];
    if (label > maxLabel || (coarse && bytes[at] > maxCoarse)) {
      throw new DatasetFormatError(file, cifarRecordLayout(labelBytes), `label byte(s) ${Array.from(bytes.subarray(at, at + labelBytes)).join(', ')} in record ${r} (is this the other CIFAR's file?)`);
    }
    labels[r] = label;
    if (coarse) coarse[r] = bytes[at];
    const src = at + labelBytes;
    const dst = r * 3 * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      pixels[dst + 3 * p] = bytes[src + p];
      pixels[dst + 3 * p + 1] = bytes[src + PIXELS + p];
      pixels[dst + 3 * p + 2] = bytes[src + 2 * PIXELS + p];
    }
  }
  return { pixels, labels, coarse };
}

/** One record to write: a 32x32 image and its label(s). */
export interface CifarRecord {
  readonly image: ImageU8;
  readonly label: number;
  /** CIFAR-100 only. */
  readonly coarse?: number;
}

/** Encodes records in the CIFAR binary layout (for tests, fixtures and subsets). */
export function encodeCifarBinary(records: readonly CifarRecord[], labelBytes: 1 | 2): Buffer {
  const recordBytes = labelBytes + 3 * PIXELS;
  const out = Buffer.alloc(records.length * recordBytes);
  records.forEach((record, r) => {
    const { image } = record;
    if (image.width !== CIFAR_SIZE || image.height !== CIFAR_SIZE) {
      throw new DatasetArgumentError(`records[${r}]`, `CIFAR images are 32x32, got ${image.width}x${image.height}`);
    }
    const at = r * recordBytes;
    if (labelBytes === 2) out[at] = record.coarse ?? 0;
    out[at + labelBytes - 1] = record.label;
    for (let p = 0; p < PIXELS; p++) {
      for (let c = 0; c < 3; c++) out[at + labelBytes + c * PIXELS + p] = image.data[3 * p + c];
    }
  });
  return out;
}

export function writeCifarBinary(file: string, records: readonly CifarRecord[], labelBytes: 1 | 2): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeCifarBinary(records, labelBytes));
}

/** Concatenates batches in order. */
export function concatBatches(batches: readonly CifarBatch[]): CifarBatch {
  const total = batches.reduce((n, b) => n + b.labels.length, 0);
  const pixels = new Uint8Array(total * 3 * PIXELS);
  const labels = new Uint8Array(total);
  const hasCoarse = batches.every((b) => b.coarse);
  const coarse = hasCoarse ? new Uint8Array(total) : undefined;
  let at = 0;
  for (const b of batches) {
    pixels.set(b.pixels, at * 3 * PIXELS);
    labels.set(b.labels, at);
    if (coarse && b.coarse) coarse.set(b.coarse, at);
    at += b.labels.length;
  }
  return { pixels, labels, coarse };
}
