import { checkParam, prepareOutput, wrap } from './buffers';
import { floatParameter, sampleLevel } from './levels';
import { applyLut } from './lut';
import type { AugmentOp, OpName } from './op';
import { blendWithGreyInto, constantBlendLut, luma, sharpenInto } from './pillow-blend';

type FactorParams = { factor: number };

/** The 256-entry table of Contrast / Brightness, reused (ops are not re-entrant). */
const blendLut = new Uint8Array(256);

/** The four PIL ImageEnhance ops: factor = float_parameter(level, 1.8) + 0.1, no sign. */
function enhanceOp(name: OpName, meaning: string, apply: (src: Uint8Array, width: number, height: number, factor: number, dst: Uint8Array) => void): AugmentOp<FactorParams> {
  return {
    name,
    param: { key: 'factor', meaning },
    sampleParams: (rng, severity) => ({ factor: floatParameter(sampleLevel(rng, severity), 1.8) + 0.1 }),
    fromValue: (value) => ({ factor: checkParam(name, 'factor', value) }),
    apply(image, params, out) {
      const factor = checkParam(name, 'factor', params.factor);
      const dst = prepareOutput(image, out, name);
      apply(image.data, image.width, image.height, factor, dst);
      return wrap(image, dst);
    },
  };
}

/** ImageEnhance.Color: blend with the image converted to L and back to RGB. */
export const color = enhanceOp('color', 'PIL ImageEnhance.Color factor (0 grey, 1 unchanged)', (src, _w, _h, factor, dst) => {
  blendWithGreyInto(src, factor, dst);
});

/** ImageEnhance.Contrast: blend with a flat grey at int(mean(L) + 0.5). */
export const contrast = enhanceOp('contrast', 'PIL ImageEnhance.Contrast factor (0 flat grey, 1 unchanged)', (src, _w, _h, factor, dst) => {
  let sum = 0;
  for (let i = 0; i < src.length; i += 3) sum += luma(src[i], src[i + 1], src[i + 2]);
  const mean = Math.trunc(sum / (src.length / 3) + 0.5);
  applyLut(src, constantBlendLut(mean, factor, blendLut), dst);
});

/** ImageEnhance.Brightness: blend with black. */
export const brightness = enhanceOp('brightness', 'PIL ImageEnhance.Brightness factor (0 black, 1 unchanged)', (src, _w, _h, factor, dst) => {
  applyLut(src, constantBlendLut(0, factor, blendLut), dst);
});

/** ImageEnhance.Sharpness: blend with ImageFilter.SMOOTH of the image. */
export const sharpness = enhanceOp('sharpness', 'PIL ImageEnhance.Sharpness factor (0 smoothed, 1 unchanged, 2 sharpened)', (src, width, height, factor, dst) => {
  sharpenInto(src, width, height, factor, dst);
});
