import type { Image, ImageU8 } from '@vpixmix/augment-core';
import { PNG } from 'pngjs';
import { writeFileAtomic } from '../atomic-write';
import { CorruptMediaError, NotAnImageError } from '../errors';
import { readInputFile } from '../read-input';
import { enlarge, imageBytes, rgbaToRgb, type Rgb } from './pixels';

export interface ReadImageOptions {
  /** Composite transparent pixels over this colour instead of dropping alpha (the default, as Pillow's `convert('RGB')`). */
  background?: Rgb;
}

export interface WritePngOptions {
  /** Nearest-neighbour enlargement by this integer factor (previews of 32x32 images). Default 1. */
  scale?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

interface PngMetadata {
  width: number;
  height: number;
  data: Buffer;
  colorType: number;
  depth: number;
  transColor?: number[];
}

/**
 * PNG bytes -> RGB uint8 image. Conversion rule, whatever the PNG holds:
 * grey is replicated to R = G = B; a palette is looked up; 1/2/4/16-bit samples become 8-bit as
 * `round(v * 255 / (2^depth - 1))` (Pillow instead keeps the high byte of 16-bit RGB: at most 1 apart);
 * alpha is dropped, or composited over `background` when given. `name` only labels errors.
 */
export function decodePng(bytes: Uint8Array, name = '<png buffer>', options: ReadImageOptions = {}): ImageU8 {
  if (!isPng(bytes)) throw new NotAnImageError(name, 'is not a PNG (no PNG signature)');
  let png: PngMetadata;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as unknown as PngMetadata;
  } catch (error) {
    throw new CorruptMediaError(name, 'PNG could not be decoded', (error as Error).message);
  }
  restoreColourKey(png);
  return rgbaToRgb(png.width, png.height, new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), options.background);
}

/**
 * pngjs zeroes all four channels of pixels matching a tRNS colour key (grey/RGB PNGs). Dropping alpha
 * must keep their colour, so put the key colour (scaled to 8 bits like every other sample) back.
 */
function restoreColourKey(png: PngMetadata): void {
  const key = png.transColor;
  if (!key || (png.colorType !== 0 && png.colorType !== 2)) return;
  const max = 2 ** png.depth - 1;
  const scaled = key.map((v) => Math.floor((v * 255) / max + 0.5));
  const rgb = scaled.length === 1 ? [scaled[0], scaled[0], scaled[0]] : scaled;
  const data = png.data;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) {
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
    }
  }
}

/** RGB image (uint8, or float in [0, 1] clipped and rounded) -> 8-bit RGB PNG bytes. */
export function encodePng(image: Image, options: WritePngOptions = {}): Buffer {
  const bytes = enlarge(imageBytes(image), options.scale ?? 1);
  const png = new PNG({ width: bytes.width, height: bytes.height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(bytes.data.buffer, bytes.data.byteOffset, bytes.data.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

export async function readPng(file: string, options: ReadImageOptions = {}): Promise<ImageU8> {
  return decodePng(await readInputFile(file), file, options);
}

/** Writes an 8-bit RGB PNG (parent folders created; written to a temp file, then renamed). */
export async function writePng(file: string, image: Image, options: WritePngOptions = {}): Promise<void> {
  await writeFileAtomic(file, encodePng(image, options));
}
