import type { Image, PixelBuffer } from '../image';

/** A new, zeroed buffer of the same kind as `data`. */
export function sameKind<D extends PixelBuffer>(data: D, length = data.length): D {
  return (data instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length)) as D;
}

/** A fill value given in [0, 1], in the units of the image's buffer (0..255 for 8-bit). */
export function fillValue(image: Image, fill: number): number {
  return image.data instanceof Uint8Array ? Math.round(fill * 255) : fill;
}

/** A value of the image at index i, as float in [0, 1]. */
export function toUnit(data: PixelBuffer, i: number): number {
  return data instanceof Uint8Array ? data[i] / 255 : data[i];
}
