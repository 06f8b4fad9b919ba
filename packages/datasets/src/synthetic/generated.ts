import { type Image, createImage } from '@vpixmix/augment-core';
import { type ImageDataset, checkIndex } from '../dataset';
import { MemoStore } from './memo-store';

/**
 * An image data set whose items are computed from their index (synthetic sets, noise OOD
 * sets) and kept once computed: item `i` is the same bytes every time and in every process.
 */
export class GeneratedImageDataset<D extends Uint8Array | Float32Array> implements ImageDataset {
  readonly kind = 'image';
  readonly numClasses: number;
  private readonly items: MemoStore<D>;

  constructor(
    readonly name: string,
    readonly width: number,
    readonly height: number,
    readonly length: number,
    readonly classNames: readonly string[],
    private readonly labelOf: (index: number) => number,
    render: (index: number) => D,
    makeStore: (n: number) => D,
  ) {
    this.numClasses = classNames.length;
    this.items = new MemoStore(length, width * height * 3, render, makeStore);
  }

  item(index: number): { image: Image<D>; label: number } {
    checkIndex(this, index);
    return { image: createImage(this.width, this.height, this.items.get(index)), label: this.labelOf(index) };
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labelOf(index);
  }
}
