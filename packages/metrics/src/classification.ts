import { MetricInputError } from './errors';
import { maxSoftmaxProbability } from './softmax';
import { denseMatrix, labelList, positiveInteger, type NumberList, type ScoreMatrix } from './validate';

/** Index of the largest score per row; ties go to the lowest class index (numpy's and torch's argmax). */
export function argmax(scores: ScoreMatrix): Int32Array {
  const m = denseMatrix(scores, 'scores');
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    let best = 0;
    for (let c = 1; c < m.cols; c++) if (m.data[base + c] > m.data[base + best]) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * Per example, whether the label is among the k highest scores. Classes are ranked by score,
 * equal scores by class index (an ordinal ranking, consistent with `argmax` for k = 1).
 */
export function topKCorrect(scores: ScoreMatrix, labels: NumberList, k = 1): Uint8Array {
  const m = denseMatrix(scores, 'scores');
  positiveInteger(k, 'k');
  const y = labelList(labels, m.cols, 'labels');
  if (y.length !== m.rows) {
    throw new MetricInputError('labels', `has ${y.length} labels but scores has ${m.rows} rows; give one label per example.`);
  }
  const out = new Uint8Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    const own = m.data[base + y[r]];
    let ahead = 0;
    for (let c = 0; c < m.cols; c++) {
      const s = m.data[base + c];
      if (s > own || (s === own && c < y[r])) ahead++;
    }
    out[r] = ahead < k ? 1 : 0;
  }
  return out;
}

function share(flags: Uint8Array): number {
  if (flags.length === 0) throw new MetricInputError('scores', 'has no examples; accuracy needs at least one.');
  let sum = 0;
  for (const f of flags) sum += f;
  return sum / flags.length;
}

export function topKAccuracy(scores: ScoreMatrix, labels: NumberList, k = 1): number {
  return share(topKCorrect(scores, labels, k));
}

export function topKError(scores: ScoreMatrix, labels: NumberList, k = 1): number {
  return 1 - topKAccuracy(scores, labels, k);
}

export interface ClassificationSummary {
  examples: number;
  top1Accuracy: number;
  top1Error: number;
  top5Accuracy: number;
  top5Error: number;
}

/** Top-1 and top-5 accuracy and error (top-5 is capped at the class count). */
export function classificationSummary(scores: ScoreMatrix, labels: NumberList): ClassificationSummary {
  const m = denseMatrix(scores, 'scores');
  const top1Accuracy = topKAccuracy(m, labels, 1);
  const top5Accuracy = topKAccuracy(m, labels, Math.min(5, m.cols));
  return { examples: m.rows, top1Accuracy, top1Error: 1 - top1Accuracy, top5Accuracy, top5Error: 1 - top5Accuracy };
}

/** Confidence (max softmax probability) and top-1 correctness per example: the inputs of calibration. */
export function confidenceAndCorrect(logits: ScoreMatrix, labels: NumberList): { confidence: Float64Array; correct: Uint8Array } {
  return { confidence: maxSoftmaxProbability(logits), correct: topKCorrect(logits, labels, 1) };
}
