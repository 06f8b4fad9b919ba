import { clampIndex } from '../pixels';

/** ImageMagick's MotionBlurImage kernel: one-sided Gaussian taps along a direction. */
export interface MotionKernel {
  readonly dx: Int32Array;
  readonly dy: Int32Array;
  readonly weights: Float64Array;
}

/**
 * The kernel of ImageMagick's `MotionBlurImage(radius, sigma, angle)` (MagickCore/effect.c):
 * width = 2*ceil(radius)+1 taps, weight_i ∝ exp(-i²/2σ²) for i = 0..width-1, tap i at
 * (ceil(i*cos(angle) - 0.5), ceil(i*sin(angle) - 0.5)) — the image is smeared from the
 * pixels lying along `angle` (degrees, clockwise from +x since y points down).
 */
export function magickMotionKernel(radius: number, sigma: number, angle: number): MotionKernel {
  const width = radius > 1e-12 ? 2 * Math.ceil(radius) + 1 : 3;
  const weights = new Float64Array(width);
  let normalize = 0;
  for (let i = 0; i < width; i++) {
    weights[i] = Math.exp(-(i * i) / (2 * sigma * sigma)) / (Math.sqrt(2 * Math.PI) * sigma);
    normalize += weights[i];
  }
  for (let i = 0; i < width; i++) weights[i] /= normalize;
  const radians = (Math.PI * angle) / 180;
  const px = width * Math.sin(radians);
  const py = width * Math.cos(radians);
  const length = Math.hypot(px, py);
  const dx = new Int32Array(width);
  const dy = new Int32Array(width);
  for (let i = 0; i < width; i++) {
    dx[i] = Math.ceil((i * py) / length - 0.5);
    dy[i] = Math.ceil((i * px) / length - 0.5);
  }
  return { dx, dy, weights };
}

/**
 * ImageMagick Q16 written as an 8-bit PNG: the blurred value is rounded to a 16-bit quantum,
 * which the 8-bit writer truncates (checked against ImageMagick 6.9.11 Q16: bit-exact).
 */
function magickByte(value255: number): number {
  let q = Math.floor(value255 * 257 + 0.5);
  q = q < 0 ? 0 : q > 65535 ? 65535 : q;
  return Math.floor(q / 257);
}

/**
 * Motion blur of an 8-bit image with `channels` interleaved channels (3 for RGB, 1 for the
 * snow layer), edge virtual pixels, output bytes as ImageMagick writes them.
 */
export function motionBlurBytes(src: Uint8Array, width: number, height: number, channels: number, kernel: MotionKernel): Uint8Array {
  const out = new Uint8Array(src.length);
  const taps = kernel.weights.length;
  // Edge virtual pixels: per tap, the clamped source column of every x and row of every y.
  const cols = new Int32Array(taps * width);
  const rows = new Int32Array(taps * height);
  for (let i = 0; i < taps; i++) {
    for (let x = 0; x < width; x++) cols[i * width + x] = clampIndex(x + kernel.dx[i], width);
    for (let y = 0; y < height; y++) rows[i * height + y] = clampIndex(y + kernel.dy[i], height) * width;
  }
  const weights = kernel.weights;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (channels === 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let i = 0; i < taps; i++) {
          const w = weights[i];
          const s = (rows[i * height + y] + cols[i * width + x]) * 3;
          r += w * src[s];
          g += w * src[s + 1];
          b += w * src[s + 2];
        }
        out[o] = magickByte(r);
        out[o + 1] = magickByte(g);
        out[o + 2] = magickByte(b);
      } else {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let i = 0; i < taps; i++) sum += weights[i] * src[(rows[i * height + y] + cols[i * width + x]) * channels + c];
          out[o + c] = magickByte(sum);
        }
      }
    }
  }
  return out;
}
