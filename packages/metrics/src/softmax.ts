import { denseMatrix, type DenseMatrix, type ScoreMatrix } from './validate';

/** Row-wise softmax of logits, computed stably (max subtracted); flat row-major, one row per example. */
export function softmax(logits: ScoreMatrix): DenseMatrix {
  const m = denseMatrix(logits, 'logits');
  const out = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    let max = -Infinity;
    for (let c = 0; c < m.cols; c++) max = Math.max(max, m.data[base + c]);
    let sum = 0;
    for (let c = 0; c < m.cols; c++) {
      const e = Math.exp(m.data[base + c] - max);
      out[base + c] = e;
      sum += e;
    }
    for (let c = 0; c < m.cols; c++) out[base + c] /= sum;
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

/** Row-wise log-softmax: `x - max - log(sum(exp(x - max)))`. */
export function logSoftmax(logits: ScoreMatrix): DenseMatrix {
  const m = denseMatrix(logits, 'logits');
  const out = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    let max = -Infinity;
    for (let c = 0; c < m.cols; c++) max = Math.max(max, m.data[base + c]);
    let sum = 0;
    for (let c = 0; c < m.cols; c++) sum += Math.exp(m.data[base + c] - max);
    const logSum = max + Math.log(sum);
    for (let c = 0; c < m.cols; c++) out[base + c] = m.data[base + c] - logSum;
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

/** The largest softmax probability per example (the "confidence" of calibration and of MSP anomaly scores). */
export function maxSoftmaxProbability(logits: ScoreMatrix): Float64Array {
  const p = softmax(logits);
  const out = new Float64Array(p.rows);
  for (let r = 0; r < p.rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < p.cols; c++) max = Math.max(max, p.data[r * p.cols + c]);
    out[r] = max;
  }
  return out;
}

/** The anomaly score of the maximum-softmax-probability baseline: `-max softmax`, higher = more anomalous. */
export function mspAnomalyScores(logits: ScoreMatrix): Float64Array {
  return maxSoftmaxProbability(logits).map((p) => -p);
}
