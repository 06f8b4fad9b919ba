import type { Homography } from '../filters/warp';
import { warpPerspectiveBytes } from '../filters/warp';
import { definePerturbation } from './build';
import { pillowAffineBilinear, pillowAffineNearest, torchvisionAffine } from './pillow-affine';

/** 16 frames shifted horizontally by -7..8 pixels (nearest, black fill). */
export const translateSequence = definePerturbation({
  name: 'translate',
  frames: 16,
  build(pixels, { width, height }) {
    return Array.from({ length: 16 }, (_, i) => pillowAffineNearest(pixels, width, height, torchvisionAffine(width, height, 0, [i - 7, 0], 1, 0)));
  },
});

/** 31 frames rotated -15°..15° (bilinear, black corners). */
export const rotateSequence = definePerturbation({
  name: 'rotate',
  frames: 31,
  build(pixels, { width, height }) {
    return Array.from({ length: 31 }, (_, i) => pillowAffineBilinear(pixels, width, height, torchvisionAffine(width, height, i - 15, [0, 0], 1, 0)));
  },
});

/** 31 frames scaled 0.70..1.30 about the centre (bilinear, black border). */
export const scaleSequence = definePerturbation({
  name: 'scale',
  frames: 31,
  build(pixels, { width, height }) {
    return Array.from({ length: 31 }, (_, i) => pillowAffineBilinear(pixels, width, height, torchvisionAffine(width, height, 0, [0, 0], (i * 2 + 70) / 100, 0)));
  },
});

/** 31 frames sheared -15°..15° (a validation perturbation). */
export const shearSequence = definePerturbation({
  name: 'shear',
  frames: 31,
  build(pixels, { width, height }) {
    return Array.from({ length: 31 }, (_, i) => pillowAffineBilinear(pixels, width, height, torchvisionAffine(width, height, 0, [0, 0], 1, i - 15)));
  },
});

type Matrix = number[][];
const mul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));

/** The reference's tilt homography: the picture on a plane turned by phi about y and theta about x, seen from distance f. */
export function tiltHomography(width: number, height: number, degrees: number): Homography {
  const phi = degrees * (Math.PI / 180);
  const theta = phi;
  const f = Math.sqrt(width ** 2 + height ** 2);
  const P1 = [
    [1, 0, -width / 2],
    [0, 1, -height / 2],
    [0, 0, 1],
    [0, 0, 1],
  ];
  const RX = [
    [1, 0, 0, 0],
    [0, Math.cos(theta), -Math.sin(theta), 0],
    [0, Math.sin(theta), Math.cos(theta), 0],
    [0, 0, 0, 1],
  ];
  const RY = [
    [Math.cos(phi), 0, -Math.sin(phi), 0],
    [0, 1, 0, 0],
    [Math.sin(phi), 0, Math.cos(phi), 0],
    [0, 0, 0, 1],
  ];
  const T = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, f],
    [0, 0, 0, 1],
  ];
  const P2 = [
    [f, 0, width / 2, 0],
    [0, f, height / 2, 0],
    [0, 0, 1, 0],
  ];
  return mul(mul(mul(mul(P2, T), RX), RY), P1).flat();
}

/** 31 frames tilted by 0.75° steps from -11.25° to 11.25° about both axes (OpenCV perspective warp, black border). */
export const tiltSequence = definePerturbation({
  name: 'tilt',
  frames: 31,
  build(pixels, { width, height }) {
    return Array.from({ length: 31 }, (_, i) => warpPerspectiveBytes(pixels, width, height, tiltHomography(width, height, 0.75 * (i - 15))));
  },
});
