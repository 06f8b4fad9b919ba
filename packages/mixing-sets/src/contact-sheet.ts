import { toUint8, type Image, type ImageU8 } from '@vpixmix/augment-core';
import { MixingArgumentError } from './errors';

export interface ContactSheetOptions {
  /** Pictures per row (default: the smallest count making the sheet about square). */
  columns?: number;
  /** Pixels between pictures and around the sheet (default 2). */
  gap?: number;
  /** Integer magnification of every picture, nearest neighbour (default 1). */
  scale?: number;
  /** Colour of the gaps, 0-255 RGB (default mid grey). */
  gapColor?: readonly [number, number, number];
}

/** Lays equally sized pictures out in a grid, row by row, for a person to look at. */
export function contactSheet(images: readonly Image[], options: ContactSheetOptions = {}): ImageU8 {
  if (images.length === 0) throw new MixingArgumentError('images', 'a contact sheet needs at least one picture');
  const { width, height } = images[0];
  images.forEach((image, i) => {
    if (image.width !== width || image.height !== height) {
      throw new MixingArgumentError(`images[${i}]`, `is ${image.width}x${image.height}, picture 0 is ${width}x${height}`);
    }
  });
  const columns = options.columns ?? Math.ceil(Math.sqrt(images.length));
  const gap = options.gap ?? 2;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(columns) || columns <= 0) throw new MixingArgumentError('columns', `must be a positive integer, got ${columns}`);
  if (!Number.isInteger(gap) || gap < 0) throw new MixingArgumentError('gap', `must be an integer >= 0, got ${gap}`);
  if (!Number.isInteger(scale) || scale <= 0) throw new MixingArgumentError('scale', `must be a positive integer, got ${scale}`);
  const rows = Math.ceil(images.length / columns);
  const cellW = width * scale;
  const cellH = height * scale;
  const sheetW = columns * cellW + (columns + 1) * gap;
  const sheetH = rows * cellH + (rows + 1) * gap;
  const data = new Uint8Array(sheetW * sheetH * 3);
  const [gr, gg, gb] = options.gapColor ?? [128, 128, 128];
  for (let p = 0; p < sheetW * sheetH; p++) {
    data[p * 3] = gr;
    data[p * 3 + 1] = gg;
    data[p * 3 + 2] = gb;
  }
  images.forEach((image, i) => {
    const pixels = toUint8(image).data;
    const left = gap + (i % columns) * (cellW + gap);
    const top = gap + Math.floor(i / columns) * (cellH + gap);
    for (let y = 0; y < cellH; y++) {
      const sy = Math.floor(y / scale);
      for (let x = 0; x < cellW; x++) {
        const from = (sy * width + Math.floor(x / scale)) * 3;
        const to = ((top + y) * sheetW + left + x) * 3;
        data[to] = pixels[from];
        data[to + 1] = pixels[from + 1];
        data[to + 2] = pixels[from + 2];
      }
    }
  });
  return { width: sheetW, height: sheetH, channels: 3, data };
}
