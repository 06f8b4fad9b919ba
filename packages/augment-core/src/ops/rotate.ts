import { checkParam, prepareOutput, wrap } from './buffers';
import { intParameter, randomSign, sampleLevel } from './levels';
import type { AugmentOp } from './op';
import { affineBilinear, type AffineCoefficients } from './pillow-affine';

/** Python's round(x, 15) (exact decimal rounding of the double; ties practically never occur). */
function round15(x: number): number {
  return Number(x.toFixed(15));
}

/** Python's float `%` (the result takes the sign of the divisor). */
function pyMod(x: number, m: number): number {
  const r = x % m;
  return r !== 0 && r < 0 !== m < 0 ? r + m : r;
}

/**
 * The inverse matrix Pillow's `Image.rotate(angle)` (no expand, centre (w/2, h/2)) hands to
 * `Image.transform`, with its rounding of cos/sin to 15 decimals.
 */
export function pillowRotationMatrix(degrees: number, width: number, height: number): AffineCoefficients {
  const angle = -(pyMod(degrees, 360) * (Math.PI / 180));
  const cos = round15(Math.cos(angle));
  const sin = round15(Math.sin(angle));
  const minusSin = round15(-Math.sin(angle));
  const cx = width / 2;
  const cy = height / 2;
  const c = cos * -cx + sin * -cy + 0 + cx;
  const f = minusSin * -cx + cos * -cy + 0 + cy;
  return [cos, sin, c, minusSin, cos, f];
}

/** Pillow's `Image.rotate(degrees, resample=BILINEAR)`: counter-clockwise about the centre, black fill. */
export const rotate: AugmentOp<{ degrees: number }> = {
  name: 'rotate',
  param: { key: 'degrees', meaning: 'degrees counter-clockwise about the centre' },
  sampleParams: (rng, severity) => ({ degrees: randomSign(rng, intParameter(sampleLevel(rng, severity), 30)) }),
  fromValue: (value) => ({ degrees: checkParam('rotate', 'degrees', value) }),
  apply(image, params, out) {
    const degrees = checkParam('rotate', 'degrees', params.degrees);
    const dst = prepareOutput(image, out, 'rotate');
    const { width, height } = image;
    const turn = pyMod(degrees, 360);
    // Pillow's fast paths: exact transposes, regardless of the filter.
    if (turn === 0) dst.set(image.data);
    else if (turn === 180) rotateQuarterTurns(image.data, width, height, 2, dst);
    else if ((turn === 90 || turn === 270) && width === height) rotateQuarterTurns(image.data, width, height, turn / 90, dst);
    else affineBilinear(image.data, width, height, pillowRotationMatrix(degrees, width, height), dst);
    return wrap(image, dst);
  },
};

/** Counter-clockwise rotation by 90, 180 or 270 degrees (square images for odd turns). */
function rotateQuarterTurns(src: Uint8Array, width: number, height: number, turns: number, out: Uint8Array): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sx: number;
      let sy: number;
      if (turns === 1) [sx, sy] = [width - 1 - y, x];
      else if (turns === 2) [sx, sy] = [width - 1 - x, height - 1 - y];
      else [sx, sy] = [y, height - 1 - x];
      const o = (y * width + x) * 3;
      const s = (sy * width + sx) * 3;
      out[o] = src[s];
      out[o + 1] = src[s + 1];
      out[o + 2] = src[s + 2];
    }
  }
}
