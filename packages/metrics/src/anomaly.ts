import { MetricInputError } from './errors';
import { finiteList, type NumberList } from './validate';

/**
 * Anomaly detection, scored the way scikit-learn scores a binary classifier: the anomaly
 * score is higher for more anomalous inputs, and out-of-distribution is the positive class.
 */

/** Cumulative counts at each distinct threshold, scores descending (scikit-learn's `_binary_clf_curve`). */
export interface BinaryCurve {
  /** False positives among the examples scored >= thresholds[i]. */
  fps: Float64Array;
  /** True positives among the examples scored >= thresholds[i]. */
  tps: Float64Array;
  /** Distinct scores, descending. */
  thresholds: Float64Array;
  positives: number;
  negatives: number;
}

export function binaryCurve(positiveScores: NumberList, negativeScores: NumberList, names = ['outScores', 'inScores']): BinaryCurve {
  const pos = finiteList(positiveScores, names[0]);
  const neg = finiteList(negativeScores, names[1]);
  const n = pos.length + neg.length;
  const scores = new Float64Array(n);
  scores.set(pos, 0);
  scores.set(neg, pos.length);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i];
    if (idx < pos.length) tp++;
    // A threshold closes where the next score differs (ties share one point on the curve).
    if (i === n - 1 || scores[order[i + 1]] !== scores[idx]) {
      tps.push(tp);
      fps.push(i + 1 - tp);
      thresholds.push(scores[idx]);
    }
  }
  return {
    fps: Float64Array.from(fps),
    tps: Float64Array.from(tps),
    thresholds: Float64Array.from(thresholds),
    positives: pos.length,
    negatives: neg.length,
  };
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** thresholds[0] is +Infinity: the point (0, 0) where nothing is flagged. */
  thresholds: Float64Array;
}

export interface RocOptions {
  /**
   * Drop points that lie on a straight segment between their neighbours, as scikit-learn's
   * `roc_curve(drop_intermediate=True)` (its default) does. The area is unchanged; the first
   * point reaching a TPR may not be. Default true.
   */
  dropIntermediate?: boolean;
}

/** scikit-learn's `roc_curve` with OOD (outScores) as the positive class. */
export function rocCurve(inScores: NumberList, outScores: NumberList, options: RocOptions = {}): RocCurve {
  const curve = binaryCurve(outScores, inScores);
  let keep = Array.from(curve.fps.keys());
  if ((options.dropIntermediate ?? true) && keep.length > 2) {
    keep = keep.filter((i) => {
      if (i === 0 || i === curve.fps.length - 1) return true;
      const dFps = curve.fps[i + 1] - 2 * curve.fps[i] + curve.fps[i - 1];
      const dTps = curve.tps[i + 1] - 2 * curve.tps[i] + curve.tps[i - 1];
      return dFps !== 0 || dTps !== 0;
    });
  }
  const size = keep.length + 1;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  thresholds[0] = Infinity;
  keep.forEach((i, j) => {
    fpr[j + 1] = curve.fps[i] / curve.negatives;
    tpr[j + 1] = curve.tps[i] / curve.positives;
    thresholds[j + 1] = curve.thresholds[i];
  });
  return { fpr, tpr, thresholds };
}

/** Area under the ROC curve (trapezoids; a tie between an in and an out score counts one half). */
export function auroc(inScores: NumberList, outScores: NumberList): number {
  const { fps, tps, positives, negatives } = binaryCurve(outScores, inScores);
  let area = 0;
  let prevF = 0;
  let prevT = 0;
  for (let i = 0; i < fps.length; i++) {
    area += (fps[i] - prevF) * (tps[i] + prevT);
    prevF = fps[i];
    prevT = tps[i];
  }
  return area / 2 / (positives * negatives);
}

export interface AuprOptions {
  /** Which set is the positive class: 'out' (default; AUPR-Out) or 'in' (AUPR-In, scores negated). */
  positive?: 'out' | 'in';
}

/**
 * Area under the precision-recall curve as scikit-learn's `average_precision_score`:
 * sum over distinct thresholds of (R_k - R_{k-1}) * P_k, no interpolation.
 */
export function aupr(inScores: NumberList, outScores: NumberList, options: AuprOptions = {}): number {
  const positive = options.positive ?? 'out';
  const curve =
    positive === 'out'
      ? binaryCurve(outScores, inScores)
      : binaryCurve(
          finiteList(inScores, 'inScores').map((s) => -s),
          finiteList(outScores, 'outScores').map((s) => -s),
          ['inScores', 'outScores'],
        );
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < curve.tps.length; i++) {
    const recall = curve.tps[i] / curve.positives;
    const precision = curve.tps[i] / (curve.tps[i] + curve.fps[i]);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

export interface FprAtTprOptions {
  /** The true positive rate to reach; default 0.95. */
  tpr?: number;
  /**
   * 'first-reaching' (default): the FPR at the first ROC threshold whose TPR is >= tpr, on
   * scikit-learn's `roc_curve` points (see `dropIntermediate`).
   * 'reference-closest': the reference code's `fpr_and_fdr_at_recall` (Outlier Exposure):
   * the threshold whose recall is closest to tpr (which may be below it), searching from
   * full recall down, the first of equally close ones winning.
   */
  method?: 'first-reaching' | 'reference-closest';
  dropIntermediate?: boolean;
}

/** The false positive rate (in-distribution flagged as OOD) when a `tpr` share of OOD is caught. */
export function fprAtTpr(inScores: NumberList, outScores: NumberList, options: FprAtTprOptions = {}): number {
  const level = options.tpr ?? 0.95;
  if (!(level >= 0 && level <= 1)) throw new MetricInputError('tpr', `must be in [0, 1]; got ${level}.`);
  if ((options.method ?? 'first-reaching') === 'reference-closest') return referenceClosestFpr(inScores, outScores, level);
  const roc = rocCurve(inScores, outScores, { dropIntermediate: options.dropIntermediate });
  for (let i = 0; i < roc.tpr.length; i++) if (roc.tpr[i] >= level) return roc.fpr[i];
  return 1;
}

function referenceClosestFpr(inScores: NumberList, outScores: NumberList, level: number): number {
  const { fps, tps, positives, negatives } = binaryCurve(outScores, inScores);
  let lastInd = 0;
  while (tps[lastInd] < positives) lastInd++;
  // The reference walks from full recall down and takes the first minimum (np.argmin). Its
  // appended (recall 1, FP 0) point can never win: the real full-recall point comes first.
  let best = Infinity;
  let bestFps = 0;
  for (let i = lastInd; i >= 0; i--) {
    const distance = Math.abs(tps[i] / positives - level);
    if (distance < best) {
      best = distance;
      bestFps = fps[i];
    }
  }
  return bestFps / negatives;
}

export interface AnomalyMeasures {
  auroc: number;
  auprOut: number;
  auprIn: number;
  fprAt95Tpr: number;
  inCount: number;
  outCount: number;
}

/** AUROC, AUPR (out and in) and FPR at 95% TPR for anomaly scores (higher = more anomalous). */
export function anomalyMeasures(inScores: NumberList, outScores: NumberList, options: FprAtTprOptions = {}): AnomalyMeasures {
  return {
    auroc: auroc(inScores, outScores),
    auprOut: aupr(inScores, outScores, { positive: 'out' }),
    auprIn: aupr(inScores, outScores, { positive: 'in' }),
    fprAt95Tpr: fprAtTpr(inScores, outScores, { tpr: 0.95, ...options }),
    inCount: inScores.length,
    outCount: outScores.length,
  };
}
