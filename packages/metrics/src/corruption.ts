import { MetricInputError } from './errors';
import { finiteList, mean } from './validate';

/**
 * Corruption robustness (Hendrycks & Dietterich 2019). `errors[c][s]` is the top-1 error
 * (a share in [0, 1]) on corruption c at severity s+1; every corruption has the same
 * severities.
 */
export type ErrorTable = ArrayLike<ArrayLike<number>>;

function table(errors: ErrorTable, argument: string): Float64Array[] {
  if (!errors || typeof errors.length !== 'number' || errors.length === 0) {
    throw new MetricInputError(argument, 'needs one row of errors per corruption (at least one).');
  }
  const rows = Array.from({ length: errors.length }, (_, c) => finiteList(errors[c], `${argument}[${c}]`));
  rows.forEach((row, c) => {
    if (row.length !== rows[0].length) {
      throw new MetricInputError(`${argument}[${c}]`, `has ${row.length} severities but ${argument}[0] has ${rows[0].length}; every corruption needs the same severities.`);
    }
  });
  return rows;
}

function sameShape(a: Float64Array[], b: Float64Array[], nameB: string): void {
  if (a.length !== b.length || a[0].length !== b[0].length) {
    throw new MetricInputError(nameB, `is ${b.length}x${b[0].length} but errors is ${a.length}x${a[0].length}; give the baseline's error for every corruption and severity.`);
  }
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

export interface CorruptionErrorRow {
  /** Mean error over severities (the reference's "uniform baseline" CE). */
  error: number;
  /** sum_s E_{s,c} / sum_s E^base_{s,c}, present when a baseline is given. */
  normalizedError?: number;
  /** sum_s (E_{s,c} - E_clean) / sum_s (E^base_{s,c} - E^base_clean), present with a baseline and both clean errors. */
  relativeError?: number;
}

export interface CorruptionSummary {
  perCorruption: CorruptionErrorRow[];
  /** Mean error over corruptions at each severity (severity 1 first). */
  perSeverity: number[];
  /** Mean error over corruptions and severities. */
  unnormalizedMce: number;
  /** Mean over corruptions of the normalized CE (AlexNet-normalized mCE when the baseline is AlexNet). */
  normalizedMce?: number;
  relativeMce?: number;
}

export interface CorruptionOptions {
  /** The baseline model's errors, same shape (AlexNet for ImageNet-C). */
  baselineErrors?: ErrorTable;
  /** Clean errors of the model and of the baseline, for the relative mCE. */
  cleanError?: number;
  baselineCleanError?: number;
}

/** Per-corruption CE and the mCE variants. */
export function corruptionSummary(errors: ErrorTable, options: CorruptionOptions = {}): CorruptionSummary {
  const rows = table(errors, 'errors');
  const base = options.baselineErrors ? table(options.baselineErrors, 'baselineErrors') : undefined;
  if (base) sameShape(rows, base, 'baselineErrors');
  const relative = base !== undefined && options.cleanError !== undefined && options.baselineCleanError !== undefined;
  const perCorruption = rows.map((row, c): CorruptionErrorRow => {
    const result: CorruptionErrorRow = { error: mean(row) };
    if (base) {
      const denominator = sum(base[c]);
      if (denominator <= 0) throw new MetricInputError(`baselineErrors[${c}]`, 'sums to 0; a normaliser must be > 0.');
      result.normalizedError = sum(row) / denominator;
      if (relative) {
        const s = row.length;
        const relDenominator = denominator - s * options.baselineCleanError!;
        if (relDenominator === 0) throw new MetricInputError(`baselineErrors[${c}]`, 'equals the baseline clean error at every severity; the relative CE is undefined.');
        result.relativeError = (sum(row) - s * options.cleanError!) / relDenominator;
      }
    }
    return result;
  });
  const summary: CorruptionSummary = {
    perCorruption,
    perSeverity: Array.from(rows[0], (_, s) => mean(rows.map((row) => row[s]))),
    unnormalizedMce: mean(rows.map(mean)),
  };
  if (base) summary.normalizedMce = mean(perCorruption.map((r) => r.normalizedError!));
  if (relative) summary.relativeMce = mean(perCorruption.map((r) => r.relativeError!));
  return summary;
}

/**
 * mCE as DESIGN.md states it: the mean error over corruptions and severities; with
 * `baselineErrors`, the baseline-normalized mCE (mean over corruptions of
 * sum_s E / sum_s E^base).
 */
export function meanCorruptionError(errors: ErrorTable, options: Pick<CorruptionOptions, 'baselineErrors'> = {}): number {
  const summary = corruptionSummary(errors, options);
  return options.baselineErrors ? summary.normalizedMce! : summary.unnormalizedMce;
}

/**
 * Video robustness as mPC and rPC (Michaelis et al. 2019; Yi et al. 2021 for video):
 * `accuracies[c][s]` is the accuracy under corruption c at severity s+1.
 */
export function meanPerformanceUnderCorruption(accuracies: ErrorTable): number {
  return mean(table(accuracies, 'accuracies').map(mean));
}

/** rPC = mPC / clean accuracy. */
export function relativePerformanceUnderCorruption(accuracies: ErrorTable, cleanAccuracy: number): number {
  if (!(cleanAccuracy > 0) || !Number.isFinite(cleanAccuracy)) {
    throw new MetricInputError('cleanAccuracy', `must be > 0; got ${cleanAccuracy}.`);
  }
  return meanPerformanceUnderCorruption(accuracies) / cleanAccuracy;
}
