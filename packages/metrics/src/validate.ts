import { MetricInputError } from './errors';

/** A one-dimensional list of numbers: a plain array or any typed array. */
export type NumberList = ArrayLike<number>;

/** A score matrix as one flat row-major Float64Array (what `softmax` returns). */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * Scores per example and class (logits or probabilities): rows of numbers, one flat
 * row-major buffer with its class count (what `tensor.dataSync()` gives), or a DenseMatrix.
 */
export type ScoreMatrix = ArrayLike<ArrayLike<number>> | { data: ArrayLike<number>; numClasses: number } | DenseMatrix;

export function finiteList(values: NumberList, argument: string, { allowEmpty = false } = {}): Float64Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new MetricInputError(argument, 'expected an array of numbers.');
  }
  if (!allowEmpty && values.length === 0) throw new MetricInputError(argument, 'is empty; it needs at least one value.');
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MetricInputError(argument, `value ${i} is ${String(value)}; every value must be a finite number.`);
    }
    out[i] = value;
  }
  return out;
}

export function sameLength(a: { length: number }, b: { length: number }, nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new MetricInputError(nameB, `has ${b.length} values but ${nameA} has ${a.length}; they must pair up one to one.`);
  }
}

export function positiveInteger(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1) throw new MetricInputError(argument, `must be an integer >= 1; got ${value}.`);
  return value;
}

/** Correctness flags as 0/1 (booleans or numbers 0 and 1). */
export function binaryList(values: ArrayLike<number | boolean>, argument: string): Uint8Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new MetricInputError(argument, 'expected an array of 0/1 (or booleans).');
  }
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === true || value === 1) out[i] = 1;
    else if (value === false || value === 0) out[i] = 0;
    else throw new MetricInputError(argument, `value ${i} is ${String(value)}; expected 0, 1, true or false.`);
  }
  return out;
}

export function labelList(labels: NumberList, numClasses: number, argument: string): Int32Array {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new MetricInputError(argument, 'expected an array of class indices.');
  }
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new MetricInputError(argument, `value ${i} is ${String(label)}; labels are integers in [0, ${numClasses - 1}].`);
    }
    out[i] = label;
  }
  return out;
}

export function denseMatrix(scores: ScoreMatrix, argument: string): DenseMatrix {
  if (scores === null || typeof scores !== 'object') throw new MetricInputError(argument, 'expected rows of scores.');
  if ('data' in scores && 'cols' in scores && 'rows' in scores) {
    const { rows, cols, data } = scores;
    if (!Number.isInteger(cols) || cols < 1 || data.length !== rows * cols) {
      throw new MetricInputError(argument, `a ${rows}x${cols} matrix needs ${rows * cols} values; got ${data.length}.`);
    }
    return { rows, cols, data: finiteList(data, argument, { allowEmpty: true }) };
  }
  if ('numClasses' in scores && 'data' in scores) {
    const cols = scores.numClasses;
    if (!Number.isInteger(cols) || cols < 1) throw new MetricInputError(argument, `numClasses must be an integer >= 1; got ${cols}.`);
    if (scores.data.length % cols !== 0) {
      throw new MetricInputError(argument, `has ${scores.data.length} values, not a multiple of numClasses ${cols}.`);
    }
    return { rows: scores.data.length / cols, cols, data: finiteList(scores.data, argument, { allowEmpty: true }) };
  }
  const rowsIn = scores as ArrayLike<ArrayLike<number>>;
  const rows = rowsIn.length;
  if (typeof rows !== 'number') throw new MetricInputError(argument, 'expected rows of scores.');
  const cols = rows > 0 ? rowsIn[0]?.length : 0;
  if (rows > 0 && (typeof cols !== 'number' || cols < 1)) throw new MetricInputError(argument, 'row 0 is not a non-empty array of scores.');
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = rowsIn[r];
    if (!row || row.length !== cols) {
      throw new MetricInputError(argument, `row ${r} has ${row?.length ?? 'no'} scores but row 0 has ${cols}; every row needs one score per class.`);
    }
    data.set(finiteList(row, `${argument}[${r}]`), r * cols);
  }
  return { rows, cols, data };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
