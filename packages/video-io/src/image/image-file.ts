import type { ImageU8 } from '@vpixmix/augment-core';
import { NotAnImageError } from '../errors';
import { readInputFile } from '../read-input';
import { decodeJpeg, isJpeg, type DecodeJpegOptions } from './jpeg';
import { decodePng, isPng, type ReadImageOptions } from './png';

export type ImageFormat = 'png' | 'jpeg';

/** The format the bytes hold, by their signature (never by the file name), or undefined. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  return undefined;
}

export type DecodeImageOptions = ReadImageOptions & DecodeJpegOptions;

/** PNG or JPEG bytes -> RGB uint8 image, chosen by content. `name` only labels errors. */
export function decodeImage(bytes: Uint8Array, name = '<image buffer>', options: DecodeImageOptions = {}): ImageU8 {
  switch (sniffImageFormat(bytes)) {
    case 'png':
      return decodePng(bytes, name, options);
    case 'jpeg':
      return decodeJpeg(bytes, name, options);
    default:
      throw new NotAnImageError(name, 'is neither PNG nor JPEG by its content');
  }
}

/** Reads a PNG or JPEG file (whatever its extension says) as an RGB uint8 image. */
export async function readImageFile(file: string, options: DecodeImageOptions = {}): Promise<ImageU8> {
  return decodeImage(await readInputFile(file), file, options);
}
