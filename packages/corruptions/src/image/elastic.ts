import { Rng, type RngState } from '@vpixmix/augment-core';
import { defineCorruption } from '../define';
import { gaussianFilter } from '../filters/gaussian-filter';
import { fillUniform } from '../filters/random-fields';
import { affineFromPoints, mapCoordinatesLinear, warpAffineFloat } from '../filters/warp';

export interface ElasticParams {
  /** U(-c[2], c[2]) jitter of the three affine control points, [x0, y0, x1, y1, x2, y2]. */
  readonly jitter: readonly number[];
  /** Generator state of the two displacement fields. */
  readonly field: RngState;
}

/**
 * The constants of make_cifar_c.py as fractions of the image size (32 there):
 * (displacement scale, displacement smoothness sigma, affine jitter).
 */
const FRACTIONS = [
  [0, 0, 0.08],
  [0.05, 0.2, 0.07],
  [0.08, 0.06, 0.06],
  [0.1, 0.04, 0.05],
  [0.1, 0.03, 0.03],
] as const;

/**
 * A random affine warp of three control points (reflect-101 border), then a smooth random
 * displacement field (uniform noise, Gaussian-smoothed with sigma c[1], times c[0]) applied
 * with bilinear sampling and reflected borders. Sizes scale with the image's shorter side.
 */
export const elasticTransform = defineCorruption<readonly [number, number, number], ElasticParams>({
  name: 'elastic_transform',
  category: 'digital',
  constants: FRACTIONS,
  minSize: 3,
  sample: (rng, [, , jitter], size) => {
    const amplitude = Math.min(size.width, size.height) * jitter;
    return { jitter: Array.from({ length: 6 }, () => Math.fround(rng.uniform(-amplitude, amplitude))), field: rng.split().state() };
  },
  apply(pixels, { width, height }, fractions, params) {
    const side = Math.min(width, height);
    const [scale, smooth] = [side * fractions[0], side * fractions[1]];
    const image = Float64Array.from(pixels, (v) => Math.fround(v / 255));
    // The reference's control points, written as (row, column) pairs but handed to OpenCV as (x, y).
    const [cy, cx] = [Math.floor(height / 2), Math.floor(width / 2)];
    const sq = Math.floor(side / 3);
    const from: [number, number][] = [
      [cy + sq, cx + sq],
      [cy + sq, cx - sq],
      [cy - sq, cx - sq],
    ];
    const to = from.map(([a, b], i): [number, number] => [Math.fround(a + params.jitter[2 * i]), Math.fround(b + params.jitter[2 * i + 1])]);
    const warped = warpAffineFloat(image, width, height, 3, affineFromPoints(from, to));
    const rng = Rng.fromState(params.field);
    const field = (): Float64Array => {
      const noise = fillUniform(rng, new Float64Array(width * height), -1, 1);
      const smoothed = gaussianFilter(noise, width, height, 1, smooth, { mode: 'reflect', truncate: 3 });
      return smoothed.map((v) => Math.fround(v * scale));
    };
    const dx = field();
    const dy = field();
    const rows = new Float64Array(width * height);
    const cols = new Float64Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        rows[y * width + x] = y + dy[y * width + x];
        cols[y * width + x] = x + dx[y * width + x];
      }
    }
    const sampled = mapCoordinatesLinear(warped, width, height, 3, rows, cols);
    const out = new Uint8Array(sampled.length);
    for (let i = 0; i < out.length; i++) {
      const v = Math.fround(sampled[i]);
      out[i] = Math.fround((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
    }
    return out;
  },
});
