import { promises as fs } from 'node:fs';
import { VideoIoArgumentError } from '../errors';
import type { VideoFrame } from '../video/decode-frames';
import { DATA_OFFSET, type CacheHeader } from './cache-file';

/** A whole video decoded into the cache: frames by index with positioned reads, no ffmpeg. */
export class CachedVideo {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly frameBytes: number;

  constructor(
    readonly path: string,
    readonly header: CacheHeader,
  ) {
    this.frames = header.frames;
    this.width = header.width;
    this.height = header.height;
    this.frameBytes = header.width * header.height * 3;
  }

  /** Frames at `indices` (any order, repeats allowed); contiguous runs are read in one go. */
  async readFrames(indices: readonly number[]): Promise<Uint8Array[]> {
    for (const k of indices) {
      if (!Number.isInteger(k) || k < 0 || k >= this.frames) {
        throw new VideoIoArgumentError('indices', `frame ${k} is outside [0, ${this.frames - 1}] of cached ${this.path}`);
      }
    }
    const sorted = [...new Set(indices)].sort((a, b) => a - b);
    const byIndex = new Map<number, Uint8Array>();
    const handle = await fs.open(this.path, 'r');
    try {
      for (let i = 0; i < sorted.length; ) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        const run = sorted.slice(i, j + 1);
        const buffer = new Uint8Array(run.length * this.frameBytes);
        await readFully(handle, buffer, DATA_OFFSET + run[0] * this.frameBytes);
        run.forEach((k, r) => byIndex.set(k, buffer.subarray(r * this.frameBytes, (r + 1) * this.frameBytes)));
        i = j + 1;
      }
    } finally {
      await handle.close();
    }
    const seen = new Set<number>();
    return indices.map((k) => {
      const data = byIndex.get(k) as Uint8Array;
      if (seen.has(k)) return data.slice();
      seen.add(k);
      return data;
    });
  }

  /** Frames [start, end) in order, read `batch` frames at a time. */
  async *iterate(start = 0, end = this.frames, batch = 32): AsyncGenerator<VideoFrame, void, undefined> {
    const handle = await fs.open(this.path, 'r');
    try {
      for (let k = start; k < end; k += batch) {
        const n = Math.min(batch, end - k);
        const buffer = new Uint8Array(n * this.frameBytes);
        await readFully(handle, buffer, DATA_OFFSET + k * this.frameBytes);
        for (let i = 0; i < n; i++) {
          yield { width: this.width, height: this.height, channels: 3, data: buffer.subarray(i * this.frameBytes, (i + 1) * this.frameBytes), index: k + i };
        }
      }
    } finally {
      await handle.close();
    }
  }
}

async function readFully(handle: fs.FileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error(`cache file ended early at byte ${position + done}`);
    done += bytesRead;
  }
}
