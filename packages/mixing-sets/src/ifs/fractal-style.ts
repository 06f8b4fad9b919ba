import type { Rng } from '@vpixmix/augment-core';
import { sampleBackground, type Background } from '../color/background';
import { samplePalette, type Palette } from '../color/palette';

/** How an accepted system is coloured: flame-style colour coordinates through a palette over a background. */
export interface FractalStyle {
  palette: Palette;
  background: Background;
  /** Colour coordinate of each map in [0, 1]; a point's colour drifts toward the coordinate of the map that moved it. */
  mapColors: number[];
  /** How far each step moves the colour toward the map's coordinate, in (0, 1]. */
  colorSpeed: number;
  /** Brightness gamma of the log-density tone curve (> 1 lifts faint structure). */
  gamma: number;
  /** Density quantile mapped to full brightness (higher = darker picture with brighter peaks). */
  whitePoint: number;
}

export function sampleFractalStyle(rng: Rng, maps: number): FractalStyle {
  const palette = samplePalette(rng);
  const background = sampleBackground(rng);
  // Evenly spread colour coordinates in a random order, jittered, so the palette is used end to end.
  const ranks = rng.permutation(maps);
  const mapColors = ranks.map((rank) => {
    const spread = maps === 1 ? 0.5 : rank / (maps - 1);
    return Math.min(1, Math.max(0, spread + rng.uniform(-0.1, 0.1)));
  });
  return {
    palette,
    background,
    mapColors,
    colorSpeed: rng.uniform(0.4, 0.9),
    gamma: rng.uniform(1.4, 2.6),
    whitePoint: rng.uniform(0.97, 0.995),
  };
}
