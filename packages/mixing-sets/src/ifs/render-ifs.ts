import type { ImageF32, Rng } from '@vpixmix/augment-core';
import { paintBackground } from '../color/background';
import { PALETTE_LUT_SIZE, paletteLut } from '../color/palette';
import { playChaosGame, type Bounds, type OrbitState, type PointBuffer } from './chaos-game';
import type { FractalStyle } from './fractal-style';
import type { PackedIfs } from './ifs-system';

/** Where the orbit stands after the search: its first `count` points are in `buffer` (left untouched). */
export interface Orbit {
  packed: PackedIfs;
  bounds: Bounds;
  buffer: PointBuffer;
  count: number;
  end: OrbitState;
}

export interface RenderOptions {
  /** Orbit points splatted per output pixel (at least the orbit the search already played). */
  pointsPerPixel: number;
  /** Margin around the attractor, as a share of the side (FractalDB: 6 / 512). */
  padRatio: number;
}

export const DEFAULT_RENDER: RenderOptions = { pointsPerPixel: 20, padRatio: 6 / 512 };

/** Points a picture of width x height is drawn with. */
export function renderPoints(searchPoints: number, width: number, height: number, options: RenderOptions): number {
  return Math.max(searchPoints, Math.round(options.pointsPerPixel * width * height));
}

/** Accumulated soft (bilinear) splats of the orbit: point density and density-weighted colour coordinate. */
interface Histogram {
  density: Float32Array;
  color: Float32Array;
}

function splat(
  orbit: Orbit,
  points: PointBuffer,
  count: number,
  style: FractalStyle,
  runningColor: { value: number },
  width: number,
  height: number,
  padRatio: number,
  histogram: Histogram,
): void {
  const { xs, ys, maps } = points;
  const { minX, maxX, minY, maxY } = orbit.bounds;
  const padX = padRatio * width;
  const padY = padRatio * height;
  const sx = (width - 2 * padX) / (maxX - minX || 1);
  const sy = (height - 2 * padY) / (maxY - minY || 1);
  const ox = padX - 0.5 - minX * sx;
  const oy = padY - 0.5 - minY * sy;
  const mapColors = Float64Array.from(style.mapColors);
  const speed = style.colorSpeed;
  const { density, color } = histogram;
  let c = runningColor.value;
  for (let i = 0; i < count; i++) {
    const target = mapColors[maps[i]];
    c += (target - c) * speed;
    const px = xs[i] * sx + ox;
    const py = ys[i] * sy + oy;
    const x0 = Math.floor(px);
    const y0 = Math.floor(py);
    if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) continue;
    const fx = px - x0;
    const fy = py - y0;
    const w00 = (1 - fx) * (1 - fy);
    const w10 = fx * (1 - fy);
    const w01 = (1 - fx) * fy;
    const w11 = fx * fy;
    const at = y0 * width + x0;
    const left = x0 >= 0;
    const right = x0 + 1 < width;
    if (y0 >= 0) {
      if (left) {
        density[at] += w00;
        color[at] += w00 * c;
      }
      if (right) {
        density[at + 1] += w10;
        color[at + 1] += w10 * c;
      }
    }
    if (y0 + 1 < height) {
      if (left) {
        density[at + width] += w01;
        color[at + width] += w01 * c;
      }
      if (right) {
        density[at + width + 1] += w11;
        color[at + width + 1] += w11 * c;
      }
    }
  }
  runningColor.value = c;
}

/** The `quantile` of the positive entries of `values` (0 when there are none). */
function positiveQuantile(values: Float32Array, quantile: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) n++;
  if (n === 0) return 0;
  const positive = new Float32Array(n);
  n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) positive[n++] = values[i];
  positive.sort();
  return positive[Math.min(n - 1, Math.floor(quantile * n))];
}

/**
 * Draws the attractor: the search's orbit continued (with `rng`) to `renderPoints` points,
 * splatted bilinearly, tone-mapped by log density and coloured flame-style over the background.
 * `chunks` is scratch for the continued orbit.
 */
export function renderIfs(
  orbit: Orbit,
  style: FractalStyle,
  width: number,
  height: number,
  rng: Rng,
  options: RenderOptions,
  chunks: PointBuffer,
): ImageF32 {
  const pixels = width * height;
  const histogram: Histogram = { density: new Float32Array(pixels), color: new Float32Array(pixels) };
  const runningColor = { value: 0.5 };
  splat(orbit, orbit.buffer, orbit.count, style, runningColor, width, height, options.padRatio, histogram);
  let remaining = renderPoints(orbit.count, width, height, options) - orbit.count;
  const state = { ...orbit.end };
  while (remaining > 0) {
    const chunk = Math.min(remaining, chunks.capacity);
    // An orbit that stayed bounded for the whole search does not blow up later; if rounding ever made it, keep what was drawn.
    if (!playChaosGame(orbit.packed, rng, state, chunk, chunks)) break;
    splat(orbit, chunks, chunk, style, runningColor, width, height, options.padRatio, histogram);
    remaining -= chunk;
  }
  return toneMap(histogram, style, width, height);
}

function toneMap(histogram: Histogram, style: FractalStyle, width: number, height: number): ImageF32 {
  const { density, color } = histogram;
  const data = paintBackground(style.background, width, height);
  const lut = paletteLut(style.palette);
  const white = positiveQuantile(density, style.whitePoint);
  const logWhite = Math.log1p(white);
  const inverseGamma = 1 / style.gamma;
  const top = PALETTE_LUT_SIZE - 1;
  for (let p = 0; p < density.length; p++) {
    const d = density[p];
    if (!(d > 0)) continue;
    const brightness = Math.log1p(d) / logWhite;
    const alpha = brightness >= 1 ? 1 : Math.pow(brightness, inverseGamma);
    const t = color[p] / d;
    const entry = Math.round((t < 0 ? 0 : t > 1 ? 1 : t) * top) * 3;
    const at = p * 3;
    data[at] += (lut[entry] - data[at]) * alpha;
    data[at + 1] += (lut[entry + 1] - data[at + 1]) * alpha;
    data[at + 2] += (lut[entry + 2] - data[at + 2]) * alpha;
  }
  return { width, height, channels: 3, data };
}
