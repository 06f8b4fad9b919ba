import { checkParam, prepareOutput, wrap } from './buffers';
import { floatParameter, randomSign, sampleLevel } from './levels';
import type { AugmentOp } from './op';
import { affineBilinear } from './pillow-affine';

type ShearParams = { shear: number };

function shearOp(name: 'shear_x' | 'shear_y'): AugmentOp<ShearParams> {
  return {
    name,
    param: {
      key: 'shear',
      meaning: name === 'shear_x' ? 'AFFINE (1, s, 0, 0, 1, 0): input x = x + s*y' : 'AFFINE (1, 0, 0, s, 1, 0): input y = s*x + y',
    },
    sampleParams: (rng, severity) => ({ shear: randomSign(rng, floatParameter(sampleLevel(rng, severity), 0.3)) }),
    fromValue: (value) => ({ shear: checkParam(name, 'shear', value) }),
    apply(image, params, out) {
      const s = checkParam(name, 'shear', params.shear);
      const dst = prepareOutput(image, out, name);
      affineBilinear(image.data, image.width, image.height, name === 'shear_x' ? [1, s, 0, 0, 1, 0] : [1, 0, 0, s, 1, 0], dst);
      return wrap(image, dst);
    },
  };
}

/** Pillow AFFINE (1, s, 0, 0, 1, 0), bilinear, black fill; s = ±float_parameter(level, 0.3). */
export const shearX = shearOp('shear_x');
/** Pillow AFFINE (1, 0, 0, s, 1, 0), bilinear, black fill. */
export const shearY = shearOp('shear_y');
