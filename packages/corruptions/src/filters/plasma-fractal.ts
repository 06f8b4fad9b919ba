import type { Rng } from '@vpixmix/augment-core';

/** The smallest power of two >= n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The reference's `plasma_fractal(mapsize, wibbledecay)`: a diamond-square height map of
 * mapsize x mapsize (a power of two), wrapping at the edges, scaled to [0, 1]. The random
 * offset at each step is `wibble * U(-wibble, wibble)` (wibble starts at 100 and is divided
 * by `wibbledecay` per octave), drawn in the reference's order.
 */
export function plasmaFractal(rng: Rng, mapsize: number, wibbledecay: number): Float64Array {
  const n = mapsize;
  const map = new Float64Array(n * n);
  let step = n;
  let wibble = 100;
  const at = (r: number, c: number) => map[r * n + c];
  const mean = (sum: number) => sum / 4 + wibble * rng.uniform(-wibble, wibble);
  while (step >= 2) {
    const half = step / 2;
    const cells = n / step;
    // Squares: centre of each square = mean of its four corners (wrapping) + wibble.
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) {
        const r0 = i * step;
        const r1 = ((i + 1) % cells) * step;
        const c0 = j * step;
        const c1 = ((j + 1) % cells) * step;
        map[(r0 + half) * n + c0 + half] = mean(at(r0, c0) + at(r1, c0) + at(r0, c1) + at(r1, c1));
      }
    }
    // Diamonds on the top edges of the squares, then on their left edges.
    const dr = (i: number, j: number) => at((((i % cells) + cells) % cells) * step + half, (((j % cells) + cells) % cells) * step + half);
    const ul = (i: number, j: number) => at((i % cells) * step, (j % cells) * step);
    const top = new Float64Array(cells * cells);
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) top[i * cells + j] = mean(dr(i, j) + dr(i - 1, j) + ul(i, j) + ul(i, j + 1));
    }
    for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) map[i * step * n + j * step + half] = top[i * cells + j];
    const left = new Float64Array(cells * cells);
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) left[i * cells + j] = mean(dr(i, j) + dr(i, j - 1) + ul(i, j) + ul(i + 1, j));
    }
    for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) map[(i * step + half) * n + j * step] = left[i * cells + j];
    step /= 2;
    wibble /= wibbledecay;
  }
  let min = Infinity;
  for (const v of map) if (v < min) min = v;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    map[i] -= min;
    if (map[i] > max) max = map[i];
  }
  for (let i = 0; i < map.length; i++) map[i] /= max;
  return map;
}
