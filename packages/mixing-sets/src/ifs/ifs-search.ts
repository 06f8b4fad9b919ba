import type { Rng } from '@vpixmix/augment-core';
import { boundsOf, fillingRate, playChaosGame, PointBuffer, type Bounds, type OrbitState } from './chaos-game';
import { packIfs, sampleIfsSystem, type IfsSystem, type PackedIfs } from './ifs-system';

/** FractalDB's acceptance test, as options. */
export interface IfsSearchOptions {
  /** Chaos-game points that decide acceptance (FractalDB: 100,000). */
  points: number;
  /** Points dropped before counting, while the orbit falls from (0, 0) onto the attractor (FractalDB: 0). */
  warmup: number;
  /** Minimum filling rate (FractalDB's default 0.2). */
  minFillRate: number;
  /** Raster side the filling rate is measured on, independent of the output size (FractalDB: 512). */
  fillGrid: number;
  /** Margin of that raster in pixels (FractalDB: 6). */
  fillPad: number;
  /** Systems tried before giving up. */
  maxAttempts: number;
  /**
   * Screen systems cheaply before the full test: the orbit's first points/4^k measured on a
   * fillGrid/2^k raster (the same points per cell) for k = 3, 2, 1. A coarser raster sees a
   * smoother measure and fills at least as readily, so the screen passes every system the
   * full test would pass (checked in the tests) and rejects ~90% of the rest at 1/64 of the
   * cost. Off = FractalDB's full run for every system; the accepted systems are the same.
   */
  earlyReject: boolean;
}

export const DEFAULT_IFS_SEARCH: IfsSearchOptions = {
  points: 100_000,
  warmup: 20,
  minFillRate: 0.2,
  fillGrid: 512,
  fillPad: 6,
  maxAttempts: 5000,
  earlyReject: true,
};

/** Coarsening levels k of the screen: raster fillGrid/2^k, first points/4^k points. */
const SCREEN_LEVELS = [3, 2, 1];

export interface AcceptedIfs {
  system: IfsSystem;
  packed: PackedIfs;
  /** Filling rate measured on the fillGrid raster. */
  fillRate: number;
  /** Systems drawn until this one passed (1 = the first). */
  attempts: number;
  /** Bounds of the accepted orbit (the frame the picture is drawn in). */
  bounds: Bounds;
  /** The accepted orbit's points (first `options.points` of `buffer`) and the orbit's last position. */
  buffer: PointBuffer;
  end: { x: number; y: number };
}

/** Reusable scratch for the search: point storage and the filling-rate raster. */
export class IfsSearchScratch {
  readonly buffer: PointBuffer;
  /** One byte per raster cell (a quarter of the cache footprint of 32-bit marks). */
  readonly marks: Uint8Array;
  private stamp = 0;
  constructor(readonly options: IfsSearchOptions) {
    this.buffer = new PointBuffer(options.points);
    this.marks = new Uint8Array(options.fillGrid * options.fillGrid);
  }
  /** A mark value no cell holds yet; the raster is cleared once every 255 measurements. */
  nextStamp(): number {
    this.stamp++;
    if (this.stamp > 255) {
      this.marks.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

export class IfsSearchExhaustedError extends Error {
  override name = 'IfsSearchExhaustedError';
}

/** Fills the buffer with `points` points; false when the orbit diverges or the coarse screen rules the system out. */
function playScreened(packed: PackedIfs, rng: Rng, state: OrbitState, scratch: IfsSearchScratch): boolean {
  const { points, minFillRate, fillGrid, fillPad, earlyReject } = scratch.options;
  const { xs, ys } = scratch.buffer;
  let done = 0;
  if (earlyReject) {
    for (const level of SCREEN_LEVELS) {
      const upTo = Math.floor(points / 4 ** level);
      const grid = Math.floor(fillGrid / 2 ** level);
      if (upTo <= done || grid < 8) continue;
      if (!playChaosGame(packed, rng, state, upTo - done, scratch.buffer, done)) return false;
      done = upTo;
      const pad = Math.round(fillPad / 2 ** level);
      const screenFill = fillingRate(xs, ys, done, boundsOf(xs, ys, done), grid, pad, scratch.marks, scratch.nextStamp());
      if (screenFill < minFillRate) return false;
    }
  }
  return playChaosGame(packed, rng, state, points - done, scratch.buffer, done);
}

/**
 * Draws systems from `rng` (attempt k uses the stream fork('system', k)) until one's
 * filling rate reaches the threshold. Diverging orbits are rejected as soon as they blow up.
 */
export function searchIfs(rng: Rng, scratch: IfsSearchScratch): AcceptedIfs {
  const { points, warmup, minFillRate, fillGrid, fillPad, maxAttempts } = scratch.options;
  const buffer = scratch.buffer;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const attemptRng = rng.fork('system', attempt);
    const system = sampleIfsSystem(attemptRng);
    const packed = packIfs(system);
    const state = { x: 0, y: 0 };
    // The warm-up points land in the buffer and are overwritten by the counted ones.
    if (warmup > 0 && !playChaosGame(packed, attemptRng, state, warmup, buffer)) continue;
    if (!playScreened(packed, attemptRng, state, scratch)) continue;
    const bounds = boundsOf(buffer.xs, buffer.ys, points);
    const fillRate = fillingRate(buffer.xs, buffer.ys, points, bounds, fillGrid, fillPad, scratch.marks, scratch.nextStamp());
    if (fillRate >= minFillRate) return { system, packed, fillRate, attempts: attempt, bounds, buffer, end: state };
  }
  throw new IfsSearchExhaustedError(
    `no IFS system reached filling rate ${minFillRate} in ${maxAttempts} attempts; lower minFillRate or raise maxAttempts.`,
  );
}
