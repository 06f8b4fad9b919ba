import type { Rng } from '@vpixmix/augment-core';
import { hsvToRgb, samplePalette, type Palette, type Rgb } from '../color/palette';
import type { EscapeKind } from './escape-time';
import { findZoomTarget } from './zoom-target';

/** How deep a zoom may go: float64 runs out of digits near a relative scale of 1e-13. */
export const DEEPEST_SCALE = 1e-11;
/** Half-height of the view that shows the whole set. */
export const WHOLE_SET_SCALE = 1.5;

export interface ZoomOptions {
  /** Which families to draw from (each clip picks one uniformly). */
  kinds: readonly EscapeKind[];
  /** View shrink per frame (> 1); 1.05 = 5% closer each frame. */
  zoomPerFrame: number;
  /** A clip starts between 10^0 and 10^maxStartDepth times closer than the whole set. */
  maxStartDepth: number;
  /** Largest rotation per frame, radians (each clip draws its own in [-max, max]). */
  maxRotationPerFrame: number;
  /** Iteration limit on the whole set, and its growth per halving of the view. */
  baseIterations: number;
  iterationsPerOctave: number;
  maxIterations: number;
  /** Samples per pixel along each axis (2 = 2x2 supersampling). */
  supersample: number;
}

export const DEFAULT_ZOOM_OPTIONS: ZoomOptions = {
  kinds: ['mandelbrot', 'julia'],
  zoomPerFrame: 1.05,
  maxStartDepth: 4,
  maxRotationPerFrame: 0.02,
  baseIterations: 64,
  iterationsPerOctave: 24,
  maxIterations: 4000,
  supersample: 2,
};

/** One zoom: the family, where it dives, how it turns and how it is coloured. Plain data. */
export interface ZoomPath {
  generator: 'zoom';
  kind: EscapeKind;
  /** Julia parameter (the Mandelbrot set's own c is the pixel). */
  c: [number, number];
  target: [number, number];
  /** Distance estimate of the target to the boundary. */
  targetDistance: number;
  /** Half-height of frame 0's view. */
  startScale: number;
  zoomPerFrame: number;
  rotation: number;
  rotationPerFrame: number;
  palette: Palette;
  /** Palette cycles per doubling of the escape count, and where the cycle starts. */
  colorDensity: number;
  colorOffset: number;
  /** Colour of points that never escape. */
  interior: Rgb;
}

/** Iteration limit for a view of half-height `scale`: more iterations the deeper the zoom. */
export function maxIterationsAt(options: ZoomOptions, scale: number): number {
  const octaves = Math.max(0, Math.log2(WHOLE_SET_SCALE / scale));
  return Math.min(options.maxIterations, Math.round(options.baseIterations + options.iterationsPerOctave * octaves));
}

function startOf(kind: EscapeKind): [number, number] {
  return kind === 'mandelbrot' ? [-0.6, 0] : [0, 0];
}

/**
 * Draws one zoom path. The target is refined down to DEEPEST_SCALE whatever the clip length,
 * so a longer clip of the same index extends a shorter one frame for frame.
 */
export function sampleZoomPath(rng: Rng, options: ZoomOptions): ZoomPath {
  const kind = rng.choice(options.kinds);
  const maxIterAt = (scale: number) => 2 * maxIterationsAt(options, scale);
  let c: [number, number] = [0, 0];
  if (kind === 'julia') {
    // A parameter near the Mandelbrot boundary gives an intricate Julia set.
    const onBoundary = findZoomTarget(
      { kind: 'mandelbrot', c: [0, 0], startCenter: startOf('mandelbrot'), startScale: WHOLE_SET_SCALE, finalScale: 1e-3, samples: 48, refineFactor: 6, maxIterAt },
      rng.fork('julia-parameter'),
    );
    c = [onBoundary.x, onBoundary.y];
  }
  const target = findZoomTarget(
    { kind, c, startCenter: startOf(kind), startScale: WHOLE_SET_SCALE, finalScale: DEEPEST_SCALE, samples: 48, refineFactor: 6, maxIterAt },
    rng.fork('target'),
  );
  const style = rng.fork('style');
  const palette = samplePalette(style, true);
  const interiorHue = style.random();
  return {
    generator: 'zoom',
    kind,
    c,
    target: [target.x, target.y],
    targetDistance: target.distance,
    startScale: WHOLE_SET_SCALE / 10 ** style.uniform(0, options.maxStartDepth),
    zoomPerFrame: options.zoomPerFrame,
    rotation: style.uniform(0, 2 * Math.PI),
    rotationPerFrame: style.uniform(-options.maxRotationPerFrame, options.maxRotationPerFrame),
    palette,
    colorDensity: style.uniform(0.5, 1.4),
    colorOffset: style.random(),
    interior: hsvToRgb(interiorHue, style.uniform(0.3, 0.9), style.uniform(0, 0.15)),
  };
}
