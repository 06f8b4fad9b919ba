import { AugmentArgumentError } from '../errors';
import type { Clip, PixelBuffer } from '../image';
import type { Rng } from '../rng';
import { assertClip, frameSize } from './clip-check';

/** A box in frame pixels, the same for every frame, and whether to mirror it. */
export interface ClipCropParams {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
  readonly flip: boolean;
}

function sameKind<D extends PixelBuffer>(data: D, length: number): D {
  return (data instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length)) as D;
}

function checkOutSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new AugmentArgumentError('size', `must be positive integers, got ${width}x${height}`);
  }
}

/** Random crop of width x height (torchvision RandomCrop), plus a horizontal flip with probability `flip`, drawn once per clip. */
export function sampleClipCrop(rng: Rng, clip: { width: number; height: number }, width: number, height: number, flip = 0.5): ClipCropParams {
  checkOutSize(width, height);
  if (width > clip.width || height > clip.height) {
    throw new AugmentArgumentError('size', `a ${width}x${height} crop does not fit a ${clip.width}x${clip.height} clip`);
  }
  const top = rng.int(0, clip.height - height + 1);
  const left = rng.int(0, clip.width - width + 1);
  return { top, left, height, width, flip: rng.random() < flip };
}

/**
 * torchvision RandomResizedCrop's box (scale (0.08, 1), ratio (3/4, 4/3), 10 tries then the
 * centre crop), and a flip, drawn once per clip; `applyClipResizedCrop` resizes it.
 */
export function sampleClipResizedCrop(
  rng: Rng,
  clip: { width: number; height: number },
  options: { scale?: readonly [number, number]; ratio?: readonly [number, number]; flip?: number } = {},
): ClipCropParams {
  const [smin, smax] = options.scale ?? [0.08, 1];
  const [rmin, rmax] = options.ratio ?? [3 / 4, 4 / 3];
  if (!(smin > 0 && smin <= smax && smax <= 1)) throw new AugmentArgumentError('scale', `must satisfy 0 < min <= max <= 1, got (${smin}, ${smax})`);
  if (!(rmin > 0 && rmin <= rmax)) throw new AugmentArgumentError('ratio', `must satisfy 0 < min <= max, got (${rmin}, ${rmax})`);
  const area = clip.width * clip.height;
  const flip = (box: Omit<ClipCropParams, 'flip'>) => ({ ...box, flip: rng.random() < (options.flip ?? 0.5) });
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(smin, smax);
    const ratio = Math.exp(rng.uniform(Math.log(rmin), Math.log(rmax)));
    const w = Math.round(Math.sqrt(target * ratio));
    const h = Math.round(Math.sqrt(target / ratio));
    if (w > 0 && h > 0 && w <= clip.width && h <= clip.height) {
      return flip({ top: rng.int(0, clip.height - h + 1), left: rng.int(0, clip.width - w + 1), height: h, width: w });
    }
  }
  const inRatio = clip.width / clip.height;
  let w = clip.width;
  let h = clip.height;
  if (inRatio < rmin) h = Math.round(w / rmin);
  else if (inRatio > rmax) w = Math.round(h * rmax);
  return flip({ top: Math.floor((clip.height - h) / 2), left: Math.floor((clip.width - w) / 2), height: h, width: w });
}

/** Crops every frame at the same box (and mirrors every frame when `flip`). */
export function applyClipCrop<D extends PixelBuffer>(clip: Clip<D>, params: ClipCropParams): Clip<D> {
  return applyClipResizedCrop(clip, params, params.width, params.height);
}

/**
 * Crops every frame at the same box and resizes it to width x height, bilinear with
 * half-pixel centres (torchvision's tensor resize without antialias), mirrored when `flip`.
 */
export function applyClipResizedCrop<D extends PixelBuffer>(clip: Clip<D>, params: ClipCropParams, width: number, height: number): Clip<D> {
  assertClip(clip);
  checkOutSize(width, height);
  const { top, left, height: bh, width: bw, flip } = params;
  if (top < 0 || left < 0 || bh < 1 || bw < 1 || top + bh > clip.height || left + bw > clip.width) {
    throw new AugmentArgumentError('params', `box (${top}, ${left}, ${bh}x${bw}) is outside the ${clip.width}x${clip.height} frame`);
  }
  const inSize = frameSize(clip);
  const outSize = width * height * 3;
  const out = sameKind(clip.data, clip.frames * outSize);
  const integer = clip.data instanceof Uint8Array;
  // Per output column / row: the two source indices and the weight of the second.
  const axis = (n: number, box: number, offset: number) => {
    const i0 = new Int32Array(n);
    const i1 = new Int32Array(n);
    const w = new Float64Array(n);
    for (let o = 0; o < n; o++) {
      const s = Math.min(Math.max(((o + 0.5) * box) / n - 0.5, 0), box - 1);
      const f = Math.floor(s);
      i0[o] = offset + f;
      i1[o] = offset + Math.min(f + 1, box - 1);
      w[o] = s - f;
    }
    return { i0, i1, w };
  };
  const xs = axis(width, bw, left);
  const ys = axis(height, bh, top);
  for (let t = 0; t < clip.frames; t++) {
    const src = clip.data.subarray(t * inSize, (t + 1) * inSize);
    const base = t * outSize;
    for (let y = 0; y < height; y++) {
      const r0 = ys.i0[y] * clip.width;
      const r1 = ys.i1[y] * clip.width;
      const wy = ys.w[y];
      for (let x = 0; x < width; x++) {
        const sx = flip ? width - 1 - x : x;
        const c0 = xs.i0[sx];
        const c1 = xs.i1[sx];
        const wx = xs.w[sx];
        const o = base + (y * width + x) * 3;
        for (let c = 0; c < 3; c++) {
          const a = src[(r0 + c0) * 3 + c] + (src[(r0 + c1) * 3 + c] - src[(r0 + c0) * 3 + c]) * wx;
          const b = src[(r1 + c0) * 3 + c] + (src[(r1 + c1) * 3 + c] - src[(r1 + c0) * 3 + c]) * wx;
          const v = a + (b - a) * wy;
          out[o + c] = integer ? Math.round(v) : v;
        }
      }
    }
  }
  return { frames: clip.frames, width, height, channels: 3, data: out };
}
