import { checkParam, prepareOutput, wrap } from './buffers';
import { intParameter, randomSign, sampleLevel } from './levels';
import type { AugmentOp } from './op';
import { affineBilinear } from './pillow-affine';

type TranslateParams = { pixels: number };

function translateOp(name: 'translate_x' | 'translate_y'): AugmentOp<TranslateParams> {
  const alongX = name === 'translate_x';
  return {
    name,
    param: {
      key: 'pixels',
      meaning: alongX ? 'AFFINE (1, 0, t, 0, 1, 0): output x samples input x + t' : 'AFFINE (1, 0, 0, 0, 1, t): output y samples input y + t',
    },
    // The reference scales by IMAGE_SIZE / 3 (square images); we use the side being shifted.
    sampleParams: (rng, severity, size) => ({
      pixels: randomSign(rng, intParameter(sampleLevel(rng, severity), (alongX ? size.width : size.height) / 3)),
    }),
    fromValue: (value) => ({ pixels: checkParam(name, 'pixels', value) }),
    apply(image, params, out) {
      const t = checkParam(name, 'pixels', params.pixels);
      const dst = prepareOutput(image, out, name);
      affineBilinear(image.data, image.width, image.height, alongX ? [1, 0, t, 0, 1, 0] : [1, 0, 0, 0, 1, t], dst);
      return wrap(image, dst);
    },
  };
}

export const translateX = translateOp('translate_x');
export const translateY = translateOp('translate_y');
