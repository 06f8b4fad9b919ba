/** Which quadratic family: Mandelbrot (z0 = 0, c = the point) or Julia (z0 = the point, c fixed). */
export type EscapeKind = 'mandelbrot' | 'julia';

/** |z|^2 beyond which an orbit has escaped; large, so the smooth count is accurate. */
const BAILOUT_SQ = 256 * 256;
const LN2 = Math.LN2;

/** True when c lies in the Mandelbrot set's main cardioid or period-2 bulb (no need to iterate). */
export function inMainMandelbrotBodies(cx: number, cy: number): boolean {
  const xq = cx - 0.25;
  const q = xq * xq + cy * cy;
  if (q * (q + xq) <= 0.25 * cy * cy) return true;
  const xb = cx + 1;
  return xb * xb + cy * cy <= 0.0625;
}

/**
 * Continuous (smooth) escape count n + 1 - log2(ln|z_n|) of z -> z^2 + c from z0, or -1
 * when the orbit stays bounded for `maxIter` steps. The hot loop of the zoom renderer.
 */
export function smoothEscape(zx: number, zy: number, cx: number, cy: number, maxIter: number): number {
  let x = zx;
  let y = zy;
  let xx = x * x;
  let yy = y * y;
  for (let n = 0; n < maxIter; n++) {
    y = 2 * x * y + cy;
    x = xx - yy + cx;
    xx = x * x;
    yy = y * y;
    if (xx + yy > BAILOUT_SQ) {
      return n + 2 - Math.log(0.5 * Math.log(xx + yy)) / LN2;
    }
  }
  return -1;
}

/**
 * Distance estimate |z| ln|z| / |dz| from the point to the set's boundary (the Mandelbrot
 * set when kind is 'mandelbrot', the filled Julia set of c otherwise), or -1 when the
 * orbit stays bounded for `maxIter` steps (the point is taken to be inside).
 */
export function distanceEstimate(kind: EscapeKind, px: number, py: number, cx: number, cy: number, maxIter: number): number {
  let x = kind === 'mandelbrot' ? 0 : px;
  let y = kind === 'mandelbrot' ? 0 : py;
  const ax = kind === 'mandelbrot' ? px : cx;
  const ay = kind === 'mandelbrot' ? py : cy;
  // Derivative with respect to c (Mandelbrot) or z0 (Julia).
  let dx = kind === 'mandelbrot' ? 0 : 1;
  let dy = 0;
  for (let n = 0; n < maxIter; n++) {
    const ndx = 2 * (x * dx - y * dy) + (kind === 'mandelbrot' ? 1 : 0);
    dy = 2 * (x * dy + y * dx);
    dx = ndx;
    const nx = x * x - y * y + ax;
    y = 2 * x * y + ay;
    x = nx;
    const r2 = x * x + y * y;
    if (r2 > BAILOUT_SQ) {
      const r = Math.sqrt(r2);
      return (r * Math.log(r)) / Math.hypot(dx, dy);
    }
  }
  return -1;
}
