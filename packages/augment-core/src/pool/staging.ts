type Staged = Uint8Array | Float32Array;

/**
 * Shared-memory staging for the pool's inputs. Copying a chunk into a fresh ArrayBuffer to
 * transfer it costs mostly page faults (about 2 ms per MB here: a 112x112 batch's inputs cost
 * half as much CPU as its PixMix); copying into a reused SharedArrayBuffer is a plain memcpy,
 * and inputs already in shared memory are not copied at all. Buffers are leased per call and
 * returned when it settles, so a buffer is never rewritten while a worker reads it.
 */
export class StagingBuffers {
  private readonly free: SharedArrayBuffer[] = [];

  constructor(private readonly keep = 16) {}

  /** `source[start, end)` as a view of shared memory (the source's own memory when it is shared); new leases go to `leases`. */
  stage<T extends Staged>(source: T, start: number, end: number, leases: SharedArrayBuffer[]): T {
    if (typeof SharedArrayBuffer === 'undefined') return source.slice(start, end) as T;
    if (source.buffer instanceof SharedArrayBuffer) return source.subarray(start, end) as T;
    const bytes = (end - start) * source.BYTES_PER_ELEMENT;
    const buffer = this.acquire(bytes);
    leases.push(buffer);
    const view = (source instanceof Uint8Array ? new Uint8Array(buffer, 0, end - start) : new Float32Array(buffer, 0, end - start)) as T;
    view.set(source.subarray(start, end));
    return view;
  }

  /** Returns leased buffers for reuse (the smallest are dropped beyond `keep`). */
  release(leases: readonly SharedArrayBuffer[]): void {
    this.free.push(...leases);
    if (this.free.length > this.keep) {
      this.free.sort((a, b) => b.byteLength - a.byteLength);
      this.free.length = this.keep;
    }
  }

  private acquire(bytes: number): SharedArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i].byteLength;
      if (size >= bytes && (best < 0 || size < this.free[best].byteLength)) best = i;
    }
    if (best < 0) return new SharedArrayBuffer(bytes);
    return this.free.splice(best, 1)[0];
  }
}
