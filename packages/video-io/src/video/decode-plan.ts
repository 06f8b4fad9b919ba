import type { Interpolation } from './frame-size';
import type { Resampling } from './frame-rate';
import type { VideoInfo } from './probe';

/**
 * Which source frames one ffmpeg run must deliver, in order: `sources[j]` (or `sourceOf(j)`) is the
 * source index of the j-th frame ffmpeg writes. Built either for a contiguous range of output frames
 * or for an explicit list (a clip's frames).
 */
export interface SourcePlan {
  /** First source frame needed. */
  first: number;
  /** How many frames ffmpeg must write (-frames:v). */
  count: number;
  /** Source index of the j-th written frame. */
  sourceOf(j: number): number;
  /** A `select` expression over the absolute source index `N`, or undefined when every frame from `first` on is kept. */
  keep?: (N: string) => string;
}

/** Output frames [start, end) under `resampling`. */
export function rangePlan(resampling: Resampling, start: number, end: number): SourcePlan {
  const first = resampling.sourceIndex(start);
  if (resampling.identity || !resampling.downsampling) {
    // every source frame from `first` is used (once, or several times when the rate goes up)
    return { first, count: resampling.sourceIndex(end - 1) - first + 1, sourceOf: (j) => first + j };
  }
  const { a, b } = resampling;
  return {
    first,
    count: end - start,
    sourceOf: (j) => resampling.sourceIndex(start + j),
    // keep N iff the first k with k*a/b >= N has floor(k*a/b) == N
    keep: (N) => `lt(ceil(${N}*${b}/${a})*${a},(${N}+1)*${b})`,
  };
}

/** Exactly the source frames behind `targets` (output indices, ascending). */
export function listPlan(resampling: Resampling, targets: readonly number[]): SourcePlan {
  const sources = [...new Set(targets.map((k) => resampling.sourceIndex(k)))].sort((x, y) => x - y);
  const first = sources[0];
  const contiguous = sources[sources.length - 1] - first + 1 === sources.length;
  return {
    first,
    count: sources.length,
    sourceOf: (j) => sources[j],
    keep: contiguous ? undefined : (N) => sources.map((s) => `eq(${N},${s})`).join('+'),
  };
}

export interface DecodeArgsOptions {
  info: VideoInfo;
  plan: SourcePlan;
  width: number;
  height: number;
  interpolation: Interpolation;
  /** Input-side -ss to the first needed frame (default) or decode from frame 0 and drop. */
  seek: boolean;
  threads?: number;
}

/**
 * ffmpeg arguments for a plan. The seek lands half a frame before the first needed frame, so ffmpeg's
 * accurate seek (which drops decoded frames before the seek time) starts exactly at it; the select
 * filter's `n` then counts from that frame.
 */
export function decodeArgs(options: DecodeArgsOptions): string[] {
  const { info, plan } = options;
  const seeking = options.seek && plan.first > 0;
  const decodeFrom = seeking ? plan.first : 0;
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error'];
  if (options.threads !== undefined) args.push('-threads', String(options.threads));
  if (seeking) {
    const seconds = info.streamOffset + ((plan.first - 0.5) * info.frameRate.den) / info.frameRate.num;
    args.push('-ss', seconds.toFixed(6));
  }
  args.push('-i', info.file, '-map', '0:v:0');

  const N = decodeFrom === 0 ? 'n' : `(n+${decodeFrom})`;
  const conditions: string[] = [];
  if (plan.first > decodeFrom) conditions.push(`gte(${N},${plan.first})`);
  if (plan.keep) conditions.push(`(${plan.keep(N)})`);
  const filters: string[] = [];
  if (conditions.length) filters.push(`select='${conditions.join('*')}'`);
  filters.push(`scale=${options.width}:${options.height}:flags=${options.interpolation}`);
  args.push('-vf', filters.join(','), '-vsync', 'passthrough', '-frames:v', String(plan.count));
  args.push('-an', '-sn', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  return args;
}
