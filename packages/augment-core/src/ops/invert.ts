import { prepareOutput, wrap } from './buffers';
import type { AugmentOp } from './op';

type NoParams = Record<string, never>;

/** Pillow's `ImageOps.invert`: 255 - value. Used by AutoAugment, not by PixMix. */
export const invert: AugmentOp<NoParams> = {
  name: 'invert',
  param: null,
  sampleParams: () => ({}),
  fromValue: () => ({}),
  apply(image, _params, out) {
    const dst = prepareOutput(image, out, 'invert');
    const src = image.data;
    for (let i = 0; i < src.length; i++) dst[i] = 255 - src[i];
    return wrap(image, dst);
  },
};
