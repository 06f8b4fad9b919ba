import { type Clip, createClip } from '@vpixmix/augment-core';
import { type ClipDataset, checkIndex } from '../dataset';
import { MemoStore } from './memo-store';

/** Keep generated clips in memory up to this many bytes; larger sets render on every read. */
const CACHE_LIMIT_BYTES = 512 << 20;

/** A clip data set whose items are computed from their index (synthetic and noise sets). */
export class GeneratedClipDataset<D extends Uint8Array | Float32Array = Uint8Array> implements ClipDataset {
  readonly kind = 'clip';
  readonly numClasses: number;
  private readonly items: MemoStore<D>;

  constructor(
    readonly name: string,
    readonly width: number,
    readonly height: number,
    readonly frames: number,
    readonly length: number,
    readonly classNames: readonly string[],
    private readonly labelOf: (index: number) => number,
    render: (index: number) => D,
    makeStore: (n: number) => D,
  ) {
    this.numClasses = classNames.length;
    this.items = new MemoStore(length, frames * width * height * 3, render, makeStore, CACHE_LIMIT_BYTES);
  }

  /** Synchronous read (generated clips need no I/O); `item` wraps it. */
  itemSync(index: number): { clip: Clip<D>; label: number } {
    checkIndex(this, index);
    return { clip: createClip(this.frames, this.width, this.height, this.items.get(index)), label: this.labelOf(index) };
  }

  async item(index: number): Promise<{ clip: Clip<D>; label: number }> {
    return this.itemSync(index);
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labelOf(index);
  }
}
