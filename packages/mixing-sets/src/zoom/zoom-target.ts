import type { Rng } from '@vpixmix/augment-core';
import { distanceEstimate, type EscapeKind } from './escape-time';

export interface ZoomTargetSearch {
  kind: EscapeKind;
  /** Julia parameter (ignored for the Mandelbrot set). */
  c: readonly [number, number];
  /** Where the search starts and the half-height of the region it looks in. */
  startCenter: readonly [number, number];
  startScale: number;
  /** The search refines until the region is this small. */
  finalScale: number;
  /** Random points tried per refinement level. */
  samples: number;
  /** Region shrink per level. */
  refineFactor: number;
  /** Iteration limit at a given scale. */
  maxIterAt(scale: number): number;
}

export interface ZoomTarget {
  x: number;
  y: number;
  /** Distance estimate of the target to the set's boundary. */
  distance: number;
  /** Smallest region the search refined to (finalScale unless it ran out of escaping points). */
  reachedScale: number;
}

/** Refinement levels before the search settles for the depth it reached. */
const MAX_LEVELS = 400;

/**
 * Finds a point on the set's boundary to zoom toward. Each level samples points in a disc
 * around the current centre, keeps the escaping ones, and moves to one of the quarter with
 * the smallest distance estimate, then shrinks the disc, never below what the estimate says
 * still reaches the boundary; the boundary stays in view at every depth down to the final scale.
 */
export function findZoomTarget(search: ZoomTargetSearch, rng: Rng): ZoomTarget {
  const [cx, cy] = search.c;
  let [x, y] = search.startCenter;
  let distance = Infinity;
  let scale = search.startScale;
  let reachedScale = scale;
  const found: { x: number; y: number; d: number }[] = [];
  for (let level = 0; level < MAX_LEVELS && scale >= search.finalScale; level++) {
    const maxIter = search.maxIterAt(scale);
    found.length = 0;
    for (let k = 0; k < search.samples; k++) {
      const radius = scale * Math.sqrt(rng.random());
      const angle = rng.uniform(0, 2 * Math.PI);
      const px = x + radius * Math.cos(angle);
      const py = y + radius * Math.sin(angle);
      const d = distanceEstimate(search.kind, px, py, cx, cy, maxIter);
      if (d > 0) found.push({ x: px, y: py, d });
    }
    if (found.length === 0) break;
    found.sort((a, b) => a.d - b.d);
    const pick = found[rng.int(0, Math.max(1, Math.ceil(found.length / 4)))];
    x = pick.x;
    y = pick.y;
    distance = pick.d;
    reachedScale = scale;
    // The true distance to the boundary lies within (d/2, 2d) (Koebe's quarter theorem), so a
    // disc of radius 2.5 d around the pick still reaches the boundary.
    scale = Math.max(scale / search.refineFactor, Math.min(scale, 2.5 * distance));
  }
  return { x, y, distance, reachedScale };
}
