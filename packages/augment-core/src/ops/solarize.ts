import { checkParam, prepareOutput, wrap } from './buffers';
import { intParameter, sampleLevel } from './levels';
import { applyLut } from './lut';
import type { AugmentOp } from './op';

const solarizeLut = new Uint8Array(256);

/** Pillow's `ImageOps.solarize(image, threshold)`: every channel value >= threshold becomes 255 - value. */
export const solarize: AugmentOp<{ threshold: number }> = {
  name: 'solarize',
  param: { key: 'threshold', meaning: 'invert every channel value >= threshold' },
  sampleParams: (rng, severity) => ({ threshold: 256 - intParameter(sampleLevel(rng, severity), 256) }),
  fromValue: (value) => ({ threshold: checkParam('solarize', 'threshold', value) }),
  apply(image, params, out) {
    const threshold = checkParam('solarize', 'threshold', params.threshold);
    const dst = prepareOutput(image, out, 'solarize');
    const lut = solarizeLut;
    for (let v = 0; v < 256; v++) lut[v] = v < threshold ? v : 255 - v;
    applyLut(image.data, lut, dst);
    return wrap(image, dst);
  },
};
