import { createImage } from '@vpixmix/augment-core';
import { type ImageDataset, checkIndex } from './dataset';
import { DatasetArgumentError } from './errors';

/** Images of one size held in one HWC uint8 buffer, with labels: CIFAR, generated sets, subsets. */
export class InMemoryImageDataset implements ImageDataset {
  readonly kind = 'image';
  readonly length: number;
  readonly numClasses: number;
  private readonly size: number;

  constructor(
    readonly name: string,
    readonly width: number,
    readonly height: number,
    /** N x H x W x 3, uint8. */
    readonly pixels: Uint8Array,
    readonly labels: Int32Array | Uint8Array,
    readonly classNames: readonly string[],
  ) {
    this.size = width * height * 3;
    this.length = labels.length;
    this.numClasses = classNames.length;
    if (pixels.length !== this.length * this.size) {
      throw new DatasetArgumentError('pixels', `${name}: ${this.length} labels need ${this.length * this.size} bytes of ${width}x${height}x3 images, got ${pixels.length}`);
    }
  }

  item(index: number) {
    checkIndex(this, index);
    const data = this.pixels.subarray(index * this.size, (index + 1) * this.size);
    return { image: createImage(this.width, this.height, data), label: this.labels[index] };
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labels[index];
  }
}
