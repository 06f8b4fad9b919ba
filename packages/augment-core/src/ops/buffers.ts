import { AugmentArgumentError } from '../errors';
import { assertImage, type ImageU8 } from '../image';

/** Checks an op's input (8-bit, 3 channels) and returns the output buffer to write into. */
export function prepareOutput(image: ImageU8, out: Uint8Array | undefined, op: string): Uint8Array {
  assertImage(image);
  if (!(image.data instanceof Uint8Array)) {
    throw new AugmentArgumentError('image', `${op} works on 8-bit images (Uint8Array data); convert with toUint8 first`);
  }
  if (out === undefined) return new Uint8Array(image.data.length);
  if (out.length !== image.data.length) {
    throw new AugmentArgumentError('out', `needs ${image.data.length} values for a ${image.width}x${image.height} image, got ${out.length}`);
  }
  if (out.buffer === image.data.buffer && out.byteOffset < image.data.byteOffset + image.data.length && image.data.byteOffset < out.byteOffset + out.length) {
    throw new AugmentArgumentError('out', `${op} cannot write over its input; pass a separate buffer`);
  }
  return out;
}

export function wrap(image: ImageU8, data: Uint8Array): ImageU8 {
  return { width: image.width, height: image.height, channels: 3, data };
}

/** Throws unless `value` is a finite number (or an integer in range when asked). */
export function checkParam(
  op: string,
  key: string,
  value: unknown,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, integer = false } = range;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const kind = integer ? 'an integer' : 'a finite number';
    const bounds = [min > -Infinity ? `>= ${min}` : '', max < Infinity ? `<= ${max}` : ''].filter(Boolean).join(' and ');
    throw new AugmentArgumentError(`${op}.${key}`, `must be ${kind}${bounds ? ` ${bounds}` : ''}, got ${String(value)}`);
  }
  return value;
}
