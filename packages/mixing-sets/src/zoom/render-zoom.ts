import type { ClipF32 } from '@vpixmix/augment-core';
import { PALETTE_LUT_SIZE, paletteLut } from '../color/palette';
import { inMainMandelbrotBodies, smoothEscape } from './escape-time';
import { maxIterationsAt, type ZoomOptions, type ZoomPath } from './zoom-path';

/** Half-height of the view in frame t: the zoom is exponential. */
export function frameScale(path: ZoomPath, t: number): number {
  return path.startScale / path.zoomPerFrame ** t;
}

/**
 * Renders frame t of a zoom into `out` at `offset` (HWC float RGB). The palette and the
 * escape-count-to-colour map are the same in every frame, so colour never flickers; only
 * the view (scale, rotation) and the iteration limit change with t.
 */
export function renderZoomFrame(
  path: ZoomPath,
  t: number,
  width: number,
  height: number,
  options: ZoomOptions,
  lut: Float32Array,
  out: Float32Array,
  offset: number,
): void {
  const scale = frameScale(path, t);
  const maxIter = maxIterationsAt(options, scale);
  const angle = path.rotation + path.rotationPerFrame * t;
  // Pixel steps in the complex plane: the view's half-height is `scale`.
  const step = (2 * scale) / height;
  const ux = Math.cos(angle) * step;
  const uy = Math.sin(angle) * step;
  const [tx, ty] = path.target;
  const [cx, cy] = path.c;
  const mandelbrot = path.kind === 'mandelbrot';
  const ss = options.supersample;
  const weight = 1 / (ss * ss);
  const top = PALETTE_LUT_SIZE - 1;
  const [ir, ig, ib] = path.interior;
  const density = path.colorDensity;
  const colorOffset = path.colorOffset;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < ss; sy++) {
        const v = y + (sy + 0.5) / ss - height / 2;
        for (let sx = 0; sx < ss; sx++) {
          const u = x + (sx + 0.5) / ss - width / 2;
          const px = tx + u * ux - v * uy;
          const py = ty + u * uy + v * ux;
          const nu = mandelbrot
            ? inMainMandelbrotBodies(px, py)
              ? -1
              : smoothEscape(0, 0, px, py, maxIter)
            : smoothEscape(px, py, cx, cy, maxIter);
          if (nu < 0) {
            r += ir;
            g += ig;
            b += ib;
            continue;
          }
          // Cyclic palette position, interpolated between lookup entries.
          const position = density * Math.log2(nu + 1) + colorOffset;
          const f = (position - Math.floor(position)) * top;
          const i = Math.floor(f);
          const w = f - i;
          const a = i * 3;
          const z = Math.min(i + 1, top) * 3;
          r += lut[a] + (lut[z] - lut[a]) * w;
          g += lut[a + 1] + (lut[z + 1] - lut[a + 1]) * w;
          b += lut[a + 2] + (lut[z + 2] - lut[a + 2]) * w;
        }
      }
      const at = offset + (y * width + x) * 3;
      out[at] = r * weight;
      out[at + 1] = g * weight;
      out[at + 2] = b * weight;
    }
  }
}

/** Frames [first, first + frames) of a zoom as one THWC float clip. */
export function renderZoomClip(path: ZoomPath, frames: number, width: number, height: number, options: ZoomOptions, first = 0): ClipF32 {
  const frameSize = width * height * 3;
  const data = new Float32Array(frames * frameSize);
  const lut = paletteLut(path.palette);
  for (let t = 0; t < frames; t++) renderZoomFrame(path, first + t, width, height, options, lut, data, t * frameSize);
  return { frames, width, height, channels: 3, data };
}
