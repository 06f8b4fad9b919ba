import { AugmentArgumentError } from './errors';

export type PixelBuffer = Uint8Array | Float32Array;

/** Row-major HWC RGB. Float images hold values in [0, 1]. */
export interface Image<D extends PixelBuffer = PixelBuffer> {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: D;
}

/** T frames of HWC RGB in one contiguous THWC buffer. */
export interface Clip<D extends PixelBuffer = PixelBuffer> {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: D;
}

export type ImageU8 = Image<Uint8Array>;
export type ImageF32 = Image<Float32Array>;
export type ClipU8 = Clip<Uint8Array>;
export type ClipF32 = Clip<Float32Array>;

function checkDimension(argument: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new AugmentArgumentError(argument, `must be a positive integer, got ${value}`);
  }
}

export function createImage<D extends PixelBuffer>(width: number, height: number, data: D): Image<D> {
  checkDimension('width', width);
  checkDimension('height', height);
  if (data.length !== width * height * 3) {
    throw new AugmentArgumentError('data', `expected ${width}x${height}x3 = ${width * height * 3} values, got ${data.length}`);
  }
  return { width, height, channels: 3, data };
}

export function createClip<D extends PixelBuffer>(frames: number, width: number, height: number, data: D): Clip<D> {
  checkDimension('frames', frames);
  checkDimension('width', width);
  checkDimension('height', height);
  const expected = frames * width * height * 3;
  if (data.length !== expected) {
    throw new AugmentArgumentError('data', `expected ${frames}x${width}x${height}x3 = ${expected} values, got ${data.length}`);
  }
  return { frames, width, height, channels: 3, data };
}

/** Throws unless `image` is a well-formed 3-channel image; `argument` names it in the message. */
export function assertImage(image: Image, argument = 'image'): void {
  if ((image.channels as number) !== 3) {
    throw new AugmentArgumentError(argument, `must have 3 channels (RGB), got ${image.channels}`);
  }
  if (image.data.length !== image.width * image.height * 3) {
    throw new AugmentArgumentError(
      argument,
      `data holds ${image.data.length} values, but ${image.width}x${image.height}x3 needs ${image.width * image.height * 3}`,
    );
  }
}

/** Throws unless the two images have the same width and height. */
export function assertSameSize(a: Image, b: Image, argument: string): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new AugmentArgumentError(argument, `is ${b.width}x${b.height}, but the image is ${a.width}x${a.height}; resize it first`);
  }
}

/** uint8 [0, 255] -> float [0, 1] (x / 255, as torchvision's ToTensor). */
export function toFloat(image: Image): ImageF32 {
  if (image.data instanceof Float32Array) return image as ImageF32;
  const out = new Float32Array(image.data.length);
  const src = image.data;
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return { width: image.width, height: image.height, channels: 3, data: out };
}

/** float [0, 1] -> uint8, clipped and rounded to nearest. */
export function toUint8(image: Image): ImageU8 {
  if (image.data instanceof Uint8Array) return image as ImageU8;
  return { width: image.width, height: image.height, channels: 3, data: floatToBytes(image.data) };
}

export function floatToBytes(src: Float32Array): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] * 255 + 0.5;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
  }
  return out;
}

/** Model input convention: `2x - 1` (the reference's Normalize(0.5, 0.5)). */
export function normalizeSigned(image: Image): Float32Array {
  const scale = image.data instanceof Uint8Array ? 2 / 255 : 2;
  const src = image.data;
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * scale - 1;
  return out;
}

/** Frame `t` of a clip as an image that shares the clip's buffer (no copy). */
export function clipFrame<D extends PixelBuffer>(clip: Clip<D>, t: number): Image<D> {
  if (!Number.isInteger(t) || t < 0 || t >= clip.frames) {
    throw new AugmentArgumentError('frame', `must be an integer in [0, ${clip.frames - 1}], got ${t}`);
  }
  const size = clip.width * clip.height * 3;
  return { width: clip.width, height: clip.height, channels: 3, data: clip.data.subarray(t * size, (t + 1) * size) as D };
}

/** Stacks equally sized images into one clip (copies). */
export function clipFromFrames<D extends PixelBuffer>(frames: readonly Image<D>[]): Clip<D> {
  if (frames.length === 0) throw new AugmentArgumentError('frames', 'a clip needs at least one frame');
  const [first] = frames;
  const size = first.width * first.height * 3;
  const data = new (first.data.constructor as { new (n: number): D })(size * frames.length);
  frames.forEach((frame, t) => {
    assertImage(frame, `frames[${t}]`);
    if (frame.width !== first.width || frame.height !== first.height) {
      throw new AugmentArgumentError(`frames[${t}]`, `is ${frame.width}x${frame.height}, frame 0 is ${first.width}x${first.height}`);
    }
    data.set(frame.data, t * size);
  });
  return { frames: frames.length, width: first.width, height: first.height, channels: 3, data };
}
