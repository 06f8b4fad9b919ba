import { reflect101 } from '../pixels';

/** A square correlation kernel, row-major, odd size. */
export interface Kernel2d {
  readonly size: number;
  readonly weights: Float64Array;
}

/**
 * OpenCV's `cv2.filter2D(channel, -1, kernel)` on each channel of an HWC float image:
 * correlation, anchor at the centre, BORDER_REFLECT_101. Zero taps are skipped (the
 * antialiased disks of defocus blur are mostly zeros).
 */
export function filter2dReflect101(data: Float64Array, width: number, height: number, kernel: Kernel2d): Float64Array {
  const radius = (kernel.size - 1) >> 1;
  const taps: { dy: number; dx: number; w: number }[] = [];
  for (let ky = 0; ky < kernel.size; ky++) {
    for (let kx = 0; kx < kernel.size; kx++) {
      const w = kernel.weights[ky * kernel.size + kx];
      if (w !== 0) taps.push({ dy: ky - radius, dx: kx - radius, w });
    }
  }
  const out = new Float64Array(data.length);
  const n = taps.length;
  const tapW = Float64Array.from(taps, (t) => t.w);
  // Per tap, the reflected source row of every y and column of every x.
  const rows = new Int32Array(n * height);
  const cols = new Int32Array(n * width);
  taps.forEach((t, k) => {
    for (let y = 0; y < height; y++) rows[k * height + y] = reflect101(y + t.dy, height) * width;
    for (let x = 0; x < width; x++) cols[k * width + x] = reflect101(x + t.dx, width);
  });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < n; k++) {
        const i = (rows[k * height + y] + cols[k * width + x]) * 3;
        const w = tapW[k];
        r += w * data[i];
        g += w * data[i + 1];
        b += w * data[i + 2];
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return out;
}

/** OpenCV's getGaussianKernel(ksize, sigma) for sigma > 0, as float32 values. */
function gaussianKernelCv(ksize: number, sigma: number): Float64Array {
  const k = new Float64Array(ksize);
  let sum = 0;
  for (let i = 0; i < ksize; i++) {
    const x = i - (ksize - 1) / 2;
    k[i] = Math.exp((-0.5 / (sigma * sigma)) * x * x);
    sum += k[i];
  }
  for (let i = 0; i < ksize; i++) k[i] = Math.fround(k[i] / sum);
  return k;
}

/**
 * The reference's `disk(radius, alias_blur)`: an aliased disk (X² + Y² <= r²) on a grid of
 * -8..8 (or -r..r for r > 8), normalised, then antialiased by cv2.GaussianBlur with a 3x3
 * (5x5 for r > 8) kernel of sigma `aliasBlur`, border reflect-101. float32 like the original.
 */
export function defocusDisk(radius: number, aliasBlur: number): Kernel2d {
  const half = radius <= 8 ? 8 : radius;
  const coords: number[] = [];
  for (let v = -half; v < half + 1; v++) coords.push(v);
  const size = coords.length;
  const disk = new Float64Array(size * size);
  let count = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = coords[x] ** 2 + coords[y] ** 2 <= radius ** 2 ? 1 : 0;
      disk[y * size + x] = inside;
      count += inside;
    }
  }
  for (let i = 0; i < disk.length; i++) disk[i] = Math.fround(disk[i] / count);
  const g = gaussianKernelCv(radius <= 8 ? 3 : 5, aliasBlur);
  const gr = (g.length - 1) >> 1;
  // Separable blur: rows, then columns, reflect-101 at the kernel's own border.
  const rows = new Float64Array(disk.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let k = 0; k < g.length; k++) s += g[k] * disk[y * size + reflect101(x + k - gr, size)];
      rows[y * size + x] = Math.fround(s);
    }
  }
  const weights = new Float64Array(disk.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let k = 0; k < g.length; k++) s += g[k] * rows[reflect101(y + k - gr, size) * size + x];
      weights[y * size + x] = Math.fround(s);
    }
  }
  return { size, weights };
}
