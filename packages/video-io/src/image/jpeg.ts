import type { ImageU8 } from '@vpixmix/augment-core';
import * as jpeg from 'jpeg-js';
import { CorruptMediaError, NotAnImageError } from '../errors';

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export interface DecodeJpegOptions {
  /**
   * jpeg-js's tolerant mode decodes what it can of a damaged file. Off by default: a truncated JPEG
   * is a `CorruptMediaError`, as Pillow raises unless LOAD_TRUNCATED_IMAGES is set.
   */
  tolerant?: boolean;
}

/**
 * JPEG bytes -> RGB uint8 image (jpeg-js: greyscale replicated, CMYK converted). jpeg-js's IDCT and
 * chroma upsampling are not libjpeg's: expect pixels a few levels from Pillow's on the same file.
 */
export function decodeJpeg(bytes: Uint8Array, name = '<jpeg buffer>', options: DecodeJpegOptions = {}): ImageU8 {
  if (!isJpeg(bytes)) throw new NotAnImageError(name, 'is not a JPEG (no SOI marker)');
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: options.tolerant ?? false });
  } catch (error) {
    throw new CorruptMediaError(name, 'JPEG could not be decoded', (error as Error).message);
  }
  if (decoded.width <= 0 || decoded.height <= 0 || decoded.data.length !== decoded.width * decoded.height * 3) {
    throw new CorruptMediaError(name, `JPEG decoded to an unusable ${decoded.width}x${decoded.height} image`);
  }
  return { width: decoded.width, height: decoded.height, channels: 3, data: decoded.data };
}
