import { prepareOutput, wrap } from './buffers';
import { applyChannelLuts, channelHistograms, channelLutScratch768 } from './lut';
import type { AugmentOp } from './op';

type NoParams = Record<string, never>;

/** Pillow's `ImageOps.equalize(image)`: per-channel histogram equalisation, integer steps. */
export const equalize: AugmentOp<NoParams> = {
  name: 'equalize',
  param: null,
  sampleParams: () => ({}),
  fromValue: () => ({}),
  apply(image, _params, out) {
    const dst = prepareOutput(image, out, 'equalize');
    const histogram = channelHistograms(image.data);
    const luts = channelLutScratch768();
    for (let c = 0; c < 3; c++) {
      const base = c * 256;
      let total = 0;
      let last = 0;
      let nonzero = 0;
      for (let v = 0; v < 256; v++) {
        const count = histogram[base + v];
        if (count) {
          total += count;
          last = count;
          nonzero++;
        }
      }
      const step = nonzero <= 1 ? 0 : Math.floor((total - last) / 255);
      if (step === 0) {
        for (let v = 0; v < 256; v++) luts[base + v] = v;
        continue;
      }
      let n = Math.floor(step / 2);
      for (let v = 0; v < 256; v++) {
        // Pillow appends n // step unclipped; the table is uint8 so it can never exceed 255.
        luts[base + v] = Math.min(255, Math.floor(n / step));
        n += histogram[base + v];
      }
    }
    applyChannelLuts(image.data, luts, dst);
    return wrap(image, dst);
  },
};
