import { type Image, createImage } from '@vpixmix/augment-core';
import { type ImageDataset, checkIndex } from '../dataset';

/**
 * An image data set whose items are computed from their index (synthetic sets, noise OOD
 * sets) and kept once computed: item `i` is the same bytes every time and in every process.
 */
export class GeneratedImageDataset<D extends Uint8Array | Float32Array> implements ImageDataset {
  readonly kind = 'image';
  readonly numClasses: number;
  private readonly store: D;
  private readonly done: Uint8Array;
  private readonly size: number;

  constructor(
    readonly name: string,
    readonly width: number,
    readonly height: number,
    readonly length: number,
    readonly classNames: readonly string[],
    private readonly labelOf: (index: number) => number,
    private readonly render: (index: number) => D,
    makeStore: (n: number) => D,
  ) {
    this.numClasses = classNames.length;
    this.size = width * height * 3;
    this.store = makeStore(length * this.size);
    this.done = new Uint8Array(length);
  }

  item(index: number): { image: Image<D>; label: number } {
    checkIndex(this, index);
    const view = this.store.subarray(index * this.size, (index + 1) * this.size) as D;
    if (!this.done[index]) {
      view.set(this.render(index));
      this.done[index] = 1;
    }
    return { image: createImage(this.width, this.height, view), label: this.labelOf(index) };
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labelOf(index);
  }
}
