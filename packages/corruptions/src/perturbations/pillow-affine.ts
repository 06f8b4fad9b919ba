/**
 * Pillow's `Image.transform(size, AFFINE, m, resample)` on 8-bit RGB (libImaging/Geometry.c)
 * and torchvision 0.2's `F.affine` matrix, with which make_cifar_p.py built its geometric
 * sequences. Samples falling outside the picture are black.
 */
import { affineBilinear } from '@vpixmix/augment-core';

export type AffineMatrix = readonly [number, number, number, number, number, number];

/** torchvision 0.2.x `_get_inverse_affine_matrix` with its centre (w/2 + 0.5, h/2 + 0.5). */
export function torchvisionAffine(width: number, height: number, angle: number, translate: readonly [number, number], scale: number, shear: number): AffineMatrix {
  const center = [width * 0.5 + 0.5, height * 0.5 + 0.5];
  const a = angle * (Math.PI / 180);
  const sh = shear * (Math.PI / 180);
  const s = 1 / scale;
  const d = Math.cos(a + sh) * Math.cos(a) + Math.sin(a + sh) * Math.sin(a);
  const m = [Math.cos(a + sh), Math.sin(a + sh), 0, -Math.sin(a), Math.cos(a), 0].map((v) => (s / d) * v);
  m[2] += m[0] * (-center[0] - translate[0]) + m[1] * (-center[1] - translate[1]);
  m[5] += m[3] * (-center[0] - translate[0]) + m[4] * (-center[1] - translate[1]);
  m[2] += center[0];
  m[5] += center[1];
  return m as unknown as AffineMatrix;
}

/** Pillow's bilinear affine transform (the PixMix ops' implementation, bit-exact to Pillow), into a new buffer. */
export function pillowAffineBilinear(src: Uint8Array, width: number, height: number, m: AffineMatrix): Uint8Array {
  const out = new Uint8Array(src.length);
  affineBilinear(src, width, height, m, out);
  return out;
}

/** Nearest (torchvision 0.2's default resample): the pixel under (int) of the sample point. */
export function pillowAffineNearest(src: Uint8Array, width: number, height: number, m: AffineMatrix): Uint8Array {
  const out = new Uint8Array(src.length);
  const [a, b, c, d, e, f] = m;
  for (let y = 0; y < height; y++) {
    let xx = c + b * (y + 0.5) + a * 0.5;
    let yy = f + e * (y + 0.5) + d * 0.5;
    for (let x = 0; x < width; x++, xx += a, yy += d) {
      if (!(xx >= 0 && xx < width && yy >= 0 && yy < height)) continue;
      const s = (Math.trunc(yy) * width + Math.trunc(xx)) * 3;
      const o = (y * width + x) * 3;
      out[o] = src[s];
      out[o + 1] = src[s + 1];
      out[o + 2] = src[s + 2];
    }
  }
  return out;
}
