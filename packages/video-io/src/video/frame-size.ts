import { VideoIoArgumentError } from '../errors';

/** Output frame size: a number (square), exact `{width, height}`, or `{shortSide}` keeping the aspect ratio. */
export type FrameSize = number | { width: number; height: number } | { shortSide: number };

export type Interpolation = 'bilinear' | 'bicubic' | 'area' | 'neighbor' | 'lanczos';
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'bicubic', 'area', 'neighbor', 'lanczos'];

function checkSide(argument: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 16384) {
    throw new VideoIoArgumentError(argument, `must be an integer in [1, 16384], got ${value}`);
  }
}

export function resolveFrameSize(size: FrameSize | undefined, source: { width: number; height: number }): { width: number; height: number } {
  if (size === undefined) return { width: source.width, height: source.height };
  if (typeof size === 'number') {
    checkSide('size', size);
    return { width: size, height: size };
  }
  if ('shortSide' in size) {
    checkSide('size.shortSide', size.shortSide);
    const scale = size.shortSide / Math.min(source.width, source.height);
    return source.width <= source.height
      ? { width: size.shortSide, height: Math.max(1, Math.round(source.height * scale)) }
      : { width: Math.max(1, Math.round(source.width * scale)), height: size.shortSide };
  }
  checkSide('size.width', size.width);
  checkSide('size.height', size.height);
  return { width: size.width, height: size.height };
}

/** A stable text for cache keys and messages: "112x112", "short128". */
export function frameSizeLabel(size: FrameSize | undefined): string {
  if (size === undefined) return 'native';
  if (typeof size === 'number') return `${size}x${size}`;
  return 'shortSide' in size ? `short${size.shortSide}` : `${size.width}x${size.height}`;
}
