import { describe, expect, it } from 'vitest';
import { VideoIoArgumentError } from '../errors';
import { parseRate, rate, Resampling, toRate } from './frame-rate';

describe('frame rates', () => {
  it('parses ffprobe fractions and user numbers exactly', () => {
    expect(parseRate('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRate('50/2')).toEqual({ num: 25, den: 1 });
    expect(parseRate('0/0')).toBeUndefined();
    expect(toRate(12.5)).toEqual({ num: 25, den: 2 });
    expect(toRate(29.97)).toEqual({ num: 2997, den: 100 });
    expect(toRate('24000/1001')).toEqual({ num: 24000, den: 1001 });
    expect(() => toRate(0)).toThrow(VideoIoArgumentError);
    expect(() => toRate('fast')).toThrow(VideoIoArgumentError);
  });

  it("resamples by index as torchvision's VideoClips._resample_video_idx", () => {
    // torchvision: step = src / dst; idx = floor(arange(floor(N * dst / src)) * step)
    const cases: [number, number, number][] = [
      [25, 10, 60],
      [30, 7, 100],
      [25, 50, 11],
      [25, 25, 9],
    ];
    for (const [src, dst, n] of cases) {
      const r = new Resampling(rate(src), rate(dst));
      const count = Math.floor((n * dst) / src);
      expect(r.outputCount(n)).toBe(count);
      for (let k = 0; k < count; k++) expect(r.sourceIndex(k)).toBe(Math.floor(k * (src / dst)));
    }
    const ntsc = new Resampling(rate(30000, 1001), rate(15));
    expect(ntsc.sourceIndex(1000)).toBe(Math.floor((1000 * 30000) / 1001 / 15));
    expect(new Resampling(rate(25), undefined).identity).toBe(true);
  });
});
