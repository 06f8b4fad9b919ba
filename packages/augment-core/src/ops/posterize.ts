import { checkParam, prepareOutput, wrap } from './buffers';
import { intParameter, sampleLevel } from './levels';
import { applyLut } from './lut';
import type { AugmentOp } from './op';

const tables = Array.from({ length: 9 }, (_, bits) => {
  const mask = ~(2 ** (8 - bits) - 1) & 0xff;
  return Uint8Array.from({ length: 256 }, (_, v) => v & mask);
});

/** Pillow's `ImageOps.posterize(image, bits)`: keep the top `bits` bits of each channel. */
export const posterize: AugmentOp<{ bits: number }> = {
  name: 'posterize',
  param: { key: 'bits', meaning: 'bits kept per channel, 0..8' },
  sampleParams: (rng, severity) => ({ bits: 4 - intParameter(sampleLevel(rng, severity), 4) }),
  fromValue: (value) => ({ bits: checkParam('posterize', 'bits', value, { min: 0, max: 8, integer: true }) }),
  apply(image, params, out) {
    const bits = checkParam('posterize', 'bits', params.bits, { min: 0, max: 8, integer: true });
    const dst = prepareOutput(image, out, 'posterize');
    applyLut(image.data, tables[bits], dst);
    return wrap(image, dst);
  },
};
