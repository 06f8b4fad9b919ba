import { MetricInputError } from './errors';
import { binaryList, finiteList, positiveInteger, sameLength, type NumberList } from './validate';

/** One bin of a calibration measure or reliability diagram. */
export interface CalibrationBin {
  /** Examples in the bin. */
  count: number;
  meanConfidence: number;
  accuracy: number;
  /** Lowest and highest confidence in the bin (equal-mass bins) or the bin's edges (equal-width bins). */
  lower: number;
  upper: number;
}

interface Paired {
  confidence: Float64Array;
  correct: Uint8Array;
}

function paired(confidence: NumberList, correct: ArrayLike<number | boolean>): Paired {
  const conf = finiteList(confidence, 'confidence');
  const corr = binaryList(correct, 'correct');
  sameLength(conf, corr, 'confidence', 'correct');
  for (let i = 0; i < conf.length; i++) {
    if (conf[i] < 0 || conf[i] > 1) throw new MetricInputError('confidence', `value ${i} is ${conf[i]}; confidences are probabilities in [0, 1].`);
  }
  return { confidence: conf, correct: corr };
}

function summarize(conf: Float64Array, corr: Uint8Array, indices: ArrayLike<number>, lower: number, upper: number): CalibrationBin {
  let confSum = 0;
  let correctSum = 0;
  for (let j = 0; j < indices.length; j++) {
    confSum += conf[indices[j]];
    correctSum += corr[indices[j]];
  }
  const count = indices.length;
  return { count, meanConfidence: count ? confSum / count : 0, accuracy: count ? correctSum / count : 0, lower, upper };
}

export interface EqualMassOptions {
  /** Examples per bin; default 100 (the reference's beta). */
  binSize?: number;
}

/**
 * Equal-mass bins as the reference's `calib_err`: sort by confidence (stably), cut into
 * floor(N / binSize) bins of binSize consecutive examples, the last bin taking the
 * remainder (one bin when N < binSize).
 */
export function equalMassBins(confidence: NumberList, correct: ArrayLike<number | boolean>, options: EqualMassOptions = {}): CalibrationBin[] {
  const binSize = positiveInteger(options.binSize ?? 100, 'binSize');
  const { confidence: conf, correct: corr } = paired(confidence, correct);
  const order = Array.from(conf.keys()).sort((a, b) => conf[a] - conf[b] || a - b);
  const count = Math.max(1, Math.floor(order.length / binSize));
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < count; b++) {
    const start = b * binSize;
    const end = b === count - 1 ? order.length : start + binSize;
    const indices = order.slice(start, end);
    bins.push(summarize(conf, corr, indices, conf[indices[0]], conf[indices[indices.length - 1]]));
  }
  return bins;
}

export interface CalibrationErrorOptions extends EqualMassOptions {
  /** The norm over bins: 2 (RMS, default), 1 (mean absolute) or Infinity (max). */
  p?: number;
  /**
   * 'all' (default): every bin counts. 'reference-skips-last': the reference code's loop
   * `for i in range(len(bins) - 1)`, which leaves out the last (largest-confidence) bin;
   * its weights still divide by all N.
   */
  bins?: 'all' | 'reference-skips-last';
}

/** Calibration error over equal-mass bins: (sum_b n_b/N |conf_b - acc_b|^p)^(1/p). */
export function calibrationError(confidence: NumberList, correct: ArrayLike<number | boolean>, options: CalibrationErrorOptions = {}): number {
  const p = options.p ?? 2;
  if (p !== 1 && p !== 2 && p !== Infinity) throw new MetricInputError('p', `must be 1, 2 or Infinity; got ${p}.`);
  const mode = options.bins ?? 'all';
  if (mode !== 'all' && mode !== 'reference-skips-last') {
    throw new MetricInputError('bins', `must be 'all' or 'reference-skips-last'; got '${String(mode)}'.`);
  }
  const bins = equalMassBins(confidence, correct, options);
  const used = mode === 'all' ? bins : bins.slice(0, -1);
  const total = confidence.length;
  let err = 0;
  for (const bin of used) {
    const diff = Math.abs(bin.meanConfidence - bin.accuracy);
    if (p === Infinity) err = Math.max(err, diff);
    else err += (bin.count / total) * diff ** p;
  }
  return p === 2 ? Math.sqrt(err) : err;
}

/** RMS calibration error (the PixMix paper's measure): confidence-sorted bins of 100, all bins counted. */
export function rmsCalibrationError(
  confidence: NumberList,
  correct: ArrayLike<number | boolean>,
  options: Omit<CalibrationErrorOptions, 'p'> = {},
): number {
  return calibrationError(confidence, correct, { ...options, p: 2 });
}

export interface EqualWidthOptions {
  /** Number of equal-width confidence bins over [0, 1]; default 15 (Guo et al. 2017). */
  numBins?: number;
}

/**
 * Equal-width bins over [0, 1]: bin m holds confidences in (m/M, (m+1)/M]; a confidence of
 * exactly 0 goes to the first bin. Empty bins are kept (count 0) so a diagram shows them.
 */
export function reliabilityDiagram(confidence: NumberList, correct: ArrayLike<number | boolean>, options: EqualWidthOptions = {}): CalibrationBin[] {
  const numBins = positiveInteger(options.numBins ?? 15, 'numBins');
  const { confidence: conf, correct: corr } = paired(confidence, correct);
  const edges = Array.from({ length: numBins + 1 }, (_, i) => i / numBins);
  const members: number[][] = Array.from({ length: numBins }, () => []);
  for (let i = 0; i < conf.length; i++) {
    let m = Math.min(numBins - 1, Math.max(0, Math.ceil(conf[i] * numBins) - 1));
    // Settle rounding at the edges: the bin is (edges[m], edges[m + 1]].
    while (m > 0 && conf[i] <= edges[m]) m--;
    while (m < numBins - 1 && conf[i] > edges[m + 1]) m++;
    members[m].push(i);
  }
  return members.map((indices, m) => summarize(conf, corr, indices, edges[m], edges[m + 1]));
}

/** Expected calibration error (Guo et al. 2017): sum_m |B_m|/N |acc_m - conf_m| over equal-width bins. */
export function expectedCalibrationError(confidence: NumberList, correct: ArrayLike<number | boolean>, options: EqualWidthOptions = {}): number {
  const bins = reliabilityDiagram(confidence, correct, options);
  let total = 0;
  for (const bin of bins) total += bin.count;
  let ece = 0;
  for (const bin of bins) if (bin.count) ece += (bin.count / total) * Math.abs(bin.accuracy - bin.meanConfidence);
  return ece;
}
