import type { Rng } from '@vpixmix/augment-core';
import type { PackedIfs } from './ifs-system';

/** Axis-aligned bounds of a point cloud. */
export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Coordinates beyond this mean the system is expanding; the orbit will never settle. */
const DIVERGED = 1e6;
/** How often the inner loop checks for divergence (a power of two). */
const CHECK_EVERY = 1024;

/** Preallocated point storage, reused across systems so the search allocates nothing per attempt. */
export class PointBuffer {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Which map produced each point (flame-style colouring reads it). */
  readonly maps: Uint8Array;
  constructor(readonly capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    this.maps = new Uint8Array(capacity);
  }
}

export interface OrbitState {
  x: number;
  y: number;
}

/**
 * Plays the chaos game: from `state`, applies a randomly picked map `count` times, storing
 * each point into `buffer` from `offset` on. Returns false (early) if the orbit diverges.
 * The hot path: typed arrays, one draw per point, no allocation.
 */
export function playChaosGame(ifs: PackedIfs, rng: Rng, state: OrbitState, count: number, buffer: PointBuffer, offset = 0): boolean {
  const coefficients = ifs.coefficients;
  const thresholds = ifs.thresholds;
  const last = ifs.count - 1;
  const { xs, ys, maps } = buffer;
  let x = state.x;
  let y = state.y;
  for (let i = 0; i < count; i++) {
    const draw = rng.nextUint32();
    let j = 0;
    while (j < last && draw >= thresholds[j]) j++;
    const k = j * 6;
    const nx = coefficients[k] * x + coefficients[k + 1] * y + coefficients[k + 4];
    y = coefficients[k + 2] * x + coefficients[k + 3] * y + coefficients[k + 5];
    x = nx;
    xs[offset + i] = x;
    ys[offset + i] = y;
    maps[offset + i] = j;
    if ((i & (CHECK_EVERY - 1)) === 0 && !(Math.abs(x) + Math.abs(y) < DIVERGED)) break;
  }
  state.x = x;
  state.y = y;
  return Math.abs(x) + Math.abs(y) < DIVERGED;
}

export function boundsOf(xs: Float64Array, ys: Float64Array, count: number): Bounds {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, maxX, minY, maxY };
}

/**
 * FractalDB's filling rate: the share of pixels of a `grid` x `grid` raster (points scaled
 * to the bounds, `pad` pixels of margin, truncated to integers) that at least one point hits.
 * `marks` is a reusable grid*grid scratch whose entries equal `stamp` once hit (no clearing
 * between measurements as long as each uses a new stamp).
 */
export function fillingRate(
  xs: Float64Array,
  ys: Float64Array,
  count: number,
  bounds: Bounds,
  grid: number,
  pad: number,
  marks: Uint8Array,
  stamp: number,
): number {
  const spanX = bounds.maxX - bounds.minX;
  const spanY = bounds.maxY - bounds.minY;
  if (!(spanX > 0) || !(spanY > 0) || !Number.isFinite(spanX + spanY)) return 0;
  const inner = grid - 2 * pad - 1;
  const sx = inner / spanX;
  const sy = inner / spanY;
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const px = ((xs[i] - bounds.minX) * sx + pad) | 0;
    const py = ((ys[i] - bounds.minY) * sy + pad) | 0;
    const at = py * grid + px;
    if (marks[at] !== stamp) {
      marks[at] = stamp;
      hits++;
    }
  }
  return hits / (grid * grid);
}
