import { VideoIoArgumentError } from '../errors';

/** A frame rate as an exact fraction (ffprobe's "30000/1001"). */
export interface FrameRate {
  readonly num: number;
  readonly den: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function rate(num: number, den = 1): FrameRate {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export function rateValue(r: FrameRate): number {
  return r.num / r.den;
}

/** "25/1", "30000/1001" -> FrameRate; undefined for "0/0" and other non-rates. */
export function parseRate(text: string | undefined): FrameRate | undefined {
  if (!text) return undefined;
  const [n, d = '1'] = text.split('/');
  const num = Number(n);
  const den = Number(d);
  if (!Number.isInteger(num) || !Number.isInteger(den) || num <= 0 || den <= 0) return undefined;
  return rate(num, den);
}

/** A user's fps (25, 12.5, 29.97 or "30000/1001") as an exact fraction. */
export function toRate(fps: number | string, argument = 'fps'): FrameRate {
  if (typeof fps === 'string') {
    const parsed = parseRate(fps);
    if (!parsed) throw new VideoIoArgumentError(argument, `must be a positive number or a fraction like "30000/1001", got "${fps}"`);
    return parsed;
  }
  if (!(Number.isFinite(fps) && fps > 0 && fps <= 1000)) throw new VideoIoArgumentError(argument, `must be in (0, 1000], got ${fps}`);
  for (const den of [1, 2, 4, 5, 8, 10, 100, 1000, 1001]) {
    const num = fps * den;
    if (Math.abs(num - Math.round(num)) < 1e-9 * den) return rate(Math.round(num), den);
  }
  return rate(Math.round(fps * 1e6), 1e6);
}

/**
 * Frame-rate conversion by index, as torchvision's VideoClips does it: output frame k is source frame
 * floor(k * src / dst), and a source of N frames gives floor(N * dst / src) output frames. With no
 * target rate it is the identity. Integer arithmetic throughout, so it is exact.
 */
export class Resampling {
  /** source index = floor(k * a / b) */
  readonly a: number;
  readonly b: number;

  constructor(source: FrameRate, target: FrameRate | undefined) {
    const t = target ?? source;
    this.a = source.num * t.den;
    this.b = source.den * t.num;
    const g = gcd(this.a, this.b);
    this.a /= g;
    this.b /= g;
  }

  get identity(): boolean {
    return this.a === this.b;
  }

  /** true when no source frame serves two output frames (the output rate is not above the source's). */
  get downsampling(): boolean {
    return this.a >= this.b;
  }

  sourceIndex(k: number): number {
    return Math.floor((k * this.a) / this.b);
  }

  outputCount(sourceFrames: number): number {
    return Math.floor((sourceFrames * this.b) / this.a);
  }
}
