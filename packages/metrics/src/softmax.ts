import { denseMatrix, type DenseMatrix, type ScoreMatrix } from './validate';

/** log(sum(exp(row))) of one row, computed stably (max subtracted). */
function rowLogSumExp(data: Float64Array, base: number, cols: number): number {
  let max = -Infinity;
  for (let c = 0; c < cols; c++) max = Math.max(max, data[base + c]);
  let sum = 0;
  for (let c = 0; c < cols; c++) sum += Math.exp(data[base + c] - max);
  return max + Math.log(sum);
}

/** Row-wise log-softmax: `x - logsumexp(x)`; flat row-major, one row per example. */
export function logSoftmax(logits: ScoreMatrix): DenseMatrix {
  const m = denseMatrix(logits, 'logits');
  const out = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    const logSum = rowLogSumExp(m.data, base, m.cols);
    for (let c = 0; c < m.cols; c++) out[base + c] = m.data[base + c] - logSum;
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

/** Row-wise softmax of logits, computed stably; flat row-major, one row per example. */
export function softmax(logits: ScoreMatrix): DenseMatrix {
  const p = logSoftmax(logits);
  return { ...p, data: p.data.map(Math.exp) };
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
