import { type Clip, createClip } from '@vpixmix/augment-core';
import { type ClipDataset, checkIndex } from '../dataset';

/** Keep generated clips in memory up to this many bytes; larger sets render on every read. */
const CACHE_LIMIT_BYTES = 512 << 20;

/** A clip data set whose items are computed from their index (synthetic and noise sets). */
export class GeneratedClipDataset<D extends Uint8Array | Float32Array = Uint8Array> implements ClipDataset {
  readonly kind = 'clip';
  readonly numClasses: number;
  private readonly store: D | undefined;
  private readonly done: Uint8Array;
  private readonly size: number;

  constructor(
    readonly name: string,
    readonly width: number,
    readonly height: number,
    readonly frames: number,
    readonly length: number,
    readonly classNames: readonly string[],
    private readonly labelOf: (index: number) => number,
    private readonly render: (index: number) => D,
    makeStore: (n: number) => D,
  ) {
    this.numClasses = classNames.length;
    this.size = frames * width * height * 3;
    const bytes = length * this.size * (makeStore(0).BYTES_PER_ELEMENT ?? 1);
    this.store = bytes <= CACHE_LIMIT_BYTES ? makeStore(length * this.size) : undefined;
    this.done = new Uint8Array(this.store ? length : 0);
  }

  /** Synchronous read (generated clips need no I/O); `item` wraps it. */
  itemSync(index: number): { clip: Clip<D>; label: number } {
    checkIndex(this, index);
    let data: D;
    if (this.store) {
      data = this.store.subarray(index * this.size, (index + 1) * this.size) as D;
      if (!this.done[index]) {
        data.set(this.render(index));
        this.done[index] = 1;
      }
    } else {
      data = this.render(index);
    }
    return { clip: createClip(this.frames, this.width, this.height, data), label: this.labelOf(index) };
  }

  async item(index: number): Promise<{ clip: Clip<D>; label: number }> {
    return this.itemSync(index);
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labelOf(index);
  }
}
