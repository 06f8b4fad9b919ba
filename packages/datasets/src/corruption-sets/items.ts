import { toUint8 } from '@vpixmix/augment-core';
import type { AnyDataset } from '../dataset';
import { DatasetFormatError } from '../errors';

/** Bytes of one item (frames x height x width x 3). */
export function itemBytes(dataset: AnyDataset): number {
  return (dataset.kind === 'clip' ? dataset.frames : 1) * dataset.width * dataset.height * 3;
}

/** Items [start, start + count) packed as uint8 (float items are rounded to bytes). */
export async function readItems(dataset: AnyDataset, start: number, count: number): Promise<Uint8Array> {
  const size = itemBytes(dataset);
  const out = new Uint8Array(size * count);
  for (let i = 0; i < count; i++) {
    const index = start + i;
    let data: Uint8Array;
    if (dataset.kind === 'image') {
      const { image } = dataset.item(index);
      data = toUint8(image).data;
    } else {
      const { clip } = await dataset.item(index);
      data = clip.data instanceof Uint8Array ? clip.data : toUint8({ width: clip.width, height: clip.height * clip.frames, channels: 3, data: clip.data }).data;
    }
    if (data.length !== size) throw new DatasetFormatError(`${dataset.name}[${index}]`, `${size} bytes per item`, `${data.length}`);
    out.set(data, i * size);
  }
  return out;
}

/**
 * The first `count` items of a data set, read once and kept in memory when they fit in
 * `budget` bytes (a -C set reads every item 75 times), else read again on every request.
 */
export class ItemSource {
  private cache: Uint8Array | undefined;
  readonly itemSize: number;

  constructor(
    readonly dataset: AnyDataset,
    readonly count: number,
    private readonly budget = 512 * 2 ** 20,
  ) {
    this.itemSize = itemBytes(dataset);
  }

  /** A fresh copy of items [start, start + n) (safe to transfer to a worker). */
  async read(start: number, n: number): Promise<Uint8Array> {
    if (this.itemSize * this.count <= this.budget) {
      this.cache ??= await readItems(this.dataset, 0, this.count);
      return this.cache.slice(start * this.itemSize, (start + n) * this.itemSize);
    }
    return readItems(this.dataset, start, n);
  }

  labels(): number[] {
    return Array.from({ length: this.count }, (_, i) => this.dataset.label(i));
  }
}
