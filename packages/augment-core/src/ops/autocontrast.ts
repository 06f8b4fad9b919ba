import { prepareOutput, wrap } from './buffers';
import { applyChannelLuts, channelHistograms, channelLutScratch768 } from './lut';
import type { AugmentOp } from './op';

type NoParams = Record<string, never>;

/** Pillow's `ImageOps.autocontrast(image)` (cutoff 0): each channel stretched to [0, 255]. */
export const autocontrast: AugmentOp<NoParams> = {
  name: 'autocontrast',
  param: null,
  sampleParams: () => ({}),
  fromValue: () => ({}),
  apply(image, _params, out) {
    const dst = prepareOutput(image, out, 'autocontrast');
    const histogram = channelHistograms(image.data);
    const luts = channelLutScratch768();
    for (let c = 0; c < 3; c++) {
      const base = c * 256;
      let lo = 0;
      while (lo < 256 && histogram[base + lo] === 0) lo++;
      let hi = 255;
      while (hi >= 0 && histogram[base + hi] === 0) hi--;
      if (hi <= lo) {
        for (let v = 0; v < 256; v++) luts[base + v] = v;
        continue;
      }
      const scale = 255 / (hi - lo);
      const offset = -lo * scale;
      for (let v = 0; v < 256; v++) {
        const mapped = Math.trunc(v * scale + offset);
        luts[base + v] = mapped < 0 ? 0 : mapped > 255 ? 255 : mapped;
      }
    }
    applyChannelLuts(image.data, luts, dst);
    return wrap(image, dst);
  },
};
