import { reflect101, reflectHalf, roundHalfEven } from '../pixels';

/** A 2x3 affine matrix [a, b, c, d, e, f]: (x, y) -> (a x + b y + c, d x + e y + f). */
export type Affine = readonly [number, number, number, number, number, number];
/** A 3x3 homography, row-major. */
export type Homography = readonly number[];

type Point = readonly [number, number];

/** cv2.getAffineTransform: the affine map taking three points `from` to `to`. */
export function affineFromPoints(from: readonly Point[], to: readonly Point[]): Affine {
  // Solve [x y 1] * [a b c]^T = x', [x y 1] * [d e f]^T = y' (3x3 system, Gaussian elimination).
  const solve = (rhs: number[]): number[] => {
    const m = from.map(([x, y], i) => [x, y, 1, rhs[i]]);
    for (let col = 0; col < 3; col++) {
      let pivot = col;
      for (let r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
      [m[col], m[pivot]] = [m[pivot], m[col]];
      for (let r = col + 1; r < 3; r++) {
        const f = m[r][col] / m[col][col];
        for (let k = col; k < 4; k++) m[r][k] -= f * m[col][k];
      }
    }
    const x = [0, 0, 0];
    for (let r = 2; r >= 0; r--) {
      let s = m[r][3];
      for (let k = r + 1; k < 3; k++) s -= m[r][k] * x[k];
      x[r] = s / m[r][r];
    }
    return x;
  };
  const [a, b, c] = solve(to.map((p) => p[0]));
  const [d, e, f] = solve(to.map((p) => p[1]));
  return [a, b, c, d, e, f];
}

/** cv2.invertAffineTransform. */
export function invertAffine(m: Affine): Affine {
  let det = m[0] * m[4] - m[1] * m[3];
  det = det !== 0 ? 1 / det : 0;
  const a11 = m[4] * det;
  const a22 = m[0] * det;
  const a12 = -m[1] * det;
  const a21 = -m[3] * det;
  return [a11, a12, -a11 * m[2] - a12 * m[5], a21, a22, -a21 * m[2] - a22 * m[5]];
}

export function invertHomography(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

const TAB = 32; // OpenCV's INTER_TAB_SIZE: bilinear weights at 1/32-pixel positions

/**
 * cv2.warpAffine(img, M, (w, h)) with INTER_LINEAR on a float image: OpenCV inverts M, maps
 * each output pixel to a fixed-point source position (1/1024, then 1/32 of a pixel), and
 * interpolates with the border mode (reflect-101 here, as the elastic transform uses).
 */
export function warpAffineFloat(data: Float64Array, width: number, height: number, channels: number, forward: Affine): Float64Array {
  const m = invertAffine(forward);
  const out = new Float64Array(data.length);
  const AB = 1024;
  const roundDelta = AB / TAB / 2;
  const adelta = new Int32Array(width);
  const bdelta = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    adelta[x] = roundHalfEven(m[0] * x * AB);
    bdelta[x] = roundHalfEven(m[3] * x * AB);
  }
  for (let y = 0; y < height; y++) {
    const x0 = roundHalfEven((m[1] * y + m[2]) * AB) + roundDelta;
    const y0 = roundHalfEven((m[4] * y + m[5]) * AB) + roundDelta;
    for (let x = 0; x < width; x++) {
      const X = (x0 + adelta[x]) >> 5;
      const Y = (y0 + bdelta[x]) >> 5;
      const sx = X >> 5;
      const sy = Y >> 5;
      const ax = (X & 31) / TAB;
      const ay = (Y & 31) / TAB;
      const w0 = (1 - ay) * (1 - ax);
      const w1 = (1 - ay) * ax;
      const w2 = ay * (1 - ax);
      const w3 = ay * ax;
      const c0 = reflect101(sx, width);
      const c1 = reflect101(sx + 1, width);
      const r0 = reflect101(sy, height) * width;
      const r1 = reflect101(sy + 1, height) * width;
      const o = (y * width + x) * channels;
      for (let ch = 0; ch < channels; ch++) {
        const v =
          Math.fround(Math.fround(Math.fround(data[(r0 + c0) * channels + ch] * w0) + Math.fround(data[(r0 + c1) * channels + ch] * w1)) +
            Math.fround(data[(r1 + c0) * channels + ch] * w2)) + Math.fround(data[(r1 + c1) * channels + ch] * w3);
        out[o + ch] = Math.fround(v);
      }
    }
  }
  return out;
}

/**
 * cv2.warpPerspective(img, M, (w, h)) with INTER_LINEAR and a black constant border on an
 * 8-bit image: 1/32-pixel source positions and OpenCV's 15-bit integer weights.
 */
export function warpPerspectiveBytes(data: Uint8Array, width: number, height: number, forward: Homography): Uint8Array {
  const m = invertHomography(forward);
  const out = new Uint8Array(data.length);
  const clampInt = (v: number) => Math.max(-2147483648, Math.min(2147483647, v));
  for (let y = 0; y < height; y++) {
    const X0 = m[1] * y + m[2];
    const Y0 = m[4] * y + m[5];
    const W0 = m[7] * y + m[8];
    for (let x = 0; x < width; x++) {
      let W = W0 + m[6] * x;
      W = W ? TAB / W : 0;
      const X = roundHalfEven(clampInt((X0 + m[0] * x) * W));
      const Y = roundHalfEven(clampInt((Y0 + m[3] * x) * W));
      const sx = Math.floor(X / TAB);
      const sy = Math.floor(Y / TAB);
      const o = (y * width + x) * 3;
      if (sx >= width || sx + 1 < 0 || sy >= height || sy + 1 < 0) continue; // stays black
      const ax = X - sx * TAB;
      const ay = Y - sy * TAB;
      const w = [(TAB - ay) * (TAB - ax) * 32, (TAB - ay) * ax * 32, ay * (TAB - ax) * 32, ay * ax * 32];
      const inside = (cx: number, cy: number) => cx >= 0 && cx < width && cy >= 0 && cy < height;
      const taps: [number, number][] = [
        [sx, sy],
        [sx + 1, sy],
        [sx, sy + 1],
        [sx + 1, sy + 1],
      ];
      for (let ch = 0; ch < 3; ch++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) {
          const [cx, cy] = taps[k];
          if (inside(cx, cy)) sum += data[(cy * width + cx) * 3 + ch] * w[k];
        }
        const v = (sum + (1 << 14)) >> 15;
        out[o + ch] = v > 255 ? 255 : v;
      }
    }
  }
  return out;
}

/**
 * scipy.ndimage.map_coordinates(img, [rows, cols, channel], order=1, mode='reflect') for an
 * HWC image sampled per pixel at (rows[i], cols[i]), every channel at its own index.
 */
export function mapCoordinatesLinear(data: ArrayLike<number>, width: number, height: number, channels: number, rows: Float64Array, cols: Float64Array): Float64Array {
  const out = new Float64Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const r = rows[i];
    const c = cols[i];
    const r0 = Math.floor(r);
    const c0 = Math.floor(c);
    const fr = r - r0;
    const fc = c - c0;
    const ra = reflectHalf(r0, height) * width;
    const rb = reflectHalf(r0 + 1, height) * width;
    const ca = reflectHalf(c0, width);
    const cb = reflectHalf(c0 + 1, width);
    for (let ch = 0; ch < channels; ch++) {
      const top = (1 - fc) * data[(ra + ca) * channels + ch] + fc * data[(ra + cb) * channels + ch];
      const bottom = (1 - fc) * data[(rb + ca) * channels + ch] + fc * data[(rb + cb) * channels + ch];
      out[i * channels + ch] = (1 - fr) * top + fr * bottom;
    }
  }
  return out;
}
