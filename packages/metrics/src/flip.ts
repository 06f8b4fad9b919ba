import { MetricInputError } from './errors';
import { denseMatrix, finiteList, mean, positiveInteger, type NumberList, type ScoreMatrix } from './validate';

/**
 * Consistency on -P sequences (Hendrycks & Dietterich 2019, the reference `cifar-p-eval.py`):
 * each video is a sequence of frames perturbed more and more; a model is consistent when
 * its prediction does not change from frame to frame.
 */
export interface SequenceOptions {
  /**
   * Noise sequences (gaussian/shot/speckle noise) are independent draws around the clean
   * image, so every frame is compared with frame 0; other sequences compare each frame with
   * the one before. Default false.
   */
  noise?: boolean;
  /** The reference's `difficulty`: compare frames `difficulty` apart (non-noise only). Default 1. */
  difficulty?: number;
}

/** The reference's rule for which perturbations are noise sequences: the name contains "noise". */
export function isNoisePerturbation(name: string): boolean {
  return name.includes('noise');
}

/** For each video, the (earlier, later) frame index pairs the reference compares. */
function comparedPairs(frames: number, options: SequenceOptions): [number, number][] {
  const noise = options.noise ?? false;
  const step = noise ? 1 : positiveInteger(options.difficulty ?? 1, 'difficulty');
  const pairs: [number, number][] = [];
  for (let start = 0; start < step; start++) {
    let previous = start;
    for (let t = start + step; t < frames; t += step) {
      pairs.push([previous, t]);
      if (!noise) previous = t;
    }
  }
  return pairs;
}

function perVideoMean(count: number, argument: string, score: (video: number) => number[]): number {
  if (count === 0) throw new MetricInputError(argument, 'has no videos; it needs at least one sequence.');
  let total = 0;
  for (let v = 0; v < count; v++) {
    const values = score(v);
    if (values.length === 0) throw new MetricInputError(`${argument}[${v}]`, 'has too few frames to compare; a sequence needs at least two.');
    total += mean(values);
  }
  return total / count;
}

/**
 * Flip probability: per video, the share of compared frame pairs whose top-1 predictions
 * differ, averaged over videos. `predictions[v][t]` is the predicted class of frame t.
 */
export function flipProbability(predictions: ArrayLike<NumberList>, options: SequenceOptions = {}): number {
  return perVideoMean(predictions.length, 'predictions', (v) => {
    const video = finiteList(predictions[v], `predictions[${v}]`);
    return comparedPairs(video.length, options).map(([a, b]) => (video[a] !== video[b] ? 1 : 0));
  });
}

/** Ordinal ranks of one frame's scores: rank 1 is the highest score; ties go to the lower class index. */
function ordinalRanks(scores: Float64Array, offset: number, classes: number): Int32Array {
  const order = Array.from({ length: classes }, (_, c) => c).sort(
    (a, b) => scores[offset + b] - scores[offset + a] || a - b,
  );
  const ranks = new Int32Array(classes);
  order.forEach((c, r) => (ranks[c] = r + 1));
  return ranks;
}

/**
 * The -P paper's top-5 distance between two rankings: with sigma(i) the rank in the later
 * frame of the class ranked i-th in the earlier one, d = sum_{i=1..5} |min(sigma(i), 6) - i|
 * (the number of top-5 slots each of the first five classes crossed).
 */
function top5Gap(before: Int32Array, after: Int32Array): number {
  const classesInOrder = new Int32Array(before.length);
  before.forEach((rank, c) => (classesInOrder[rank - 1] = c));
  let d = 0;
  for (let i = 1; i <= 5; i++) d += Math.abs(Math.min(after[classesInOrder[i - 1]], 6) - i);
  return d;
}

/**
 * Mean top-5 distance over the same frame pairs as `flipProbability`, from each frame's
 * scores: `scores[v]` is one video's frames x classes matrix (logits or probabilities).
 */
export function top5Distance(scores: ArrayLike<ScoreMatrix>, options: SequenceOptions = {}): number {
  return perVideoMean(scores.length, 'scores', (v) => {
    const m = denseMatrix(scores[v], `scores[${v}]`);
    if (m.cols < 5) throw new MetricInputError(`scores[${v}]`, `has ${m.cols} classes; the top-5 distance needs at least 5.`);
    const ranks = Array.from({ length: m.rows }, (_, t) => ordinalRanks(m.data, t * m.cols, m.cols));
    return comparedPairs(m.rows, options).map(([a, b]) => top5Gap(ranks[a], ranks[b]));
  });
}

/**
 * Mean flip rate over perturbations: the plain mean of flip probabilities, or with a
 * baseline (AlexNet on ImageNet-P) the mean of each FP divided by the baseline's FP.
 */
export function meanFlipRate(flipProbabilities: NumberList, baselineFlipProbabilities?: NumberList): number {
  const fp = finiteList(flipProbabilities, 'flipProbabilities');
  if (!baselineFlipProbabilities) return mean(fp);
  const base = finiteList(baselineFlipProbabilities, 'baselineFlipProbabilities');
  if (base.length !== fp.length) {
    throw new MetricInputError('baselineFlipProbabilities', `has ${base.length} values but flipProbabilities has ${fp.length}; give one per perturbation.`);
  }
  return mean(fp.map((value, i) => {
    if (base[i] <= 0) throw new MetricInputError('baselineFlipProbabilities', `value ${i} is ${base[i]}; a normaliser must be > 0.`);
    return value / base[i];
  }));
}
