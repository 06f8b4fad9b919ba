import { CorruptionSeverityError } from './errors';

/** The five severities of the -C benchmarks. */
export type Severity = 1 | 2 | 3 | 4 | 5;

export const SEVERITY_LEVELS: readonly Severity[] = [1, 2, 3, 4, 5];

/** Returns `severity` as a Severity, or throws CorruptionSeverityError naming `corruption`. */
export function checkSeverity(corruption: string, severity: unknown): Severity {
  if (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 1 || severity > 5) {
    throw new CorruptionSeverityError(corruption, severity);
  }
  return severity as Severity;
}

/** The constant of `table` for `severity` (the reference's `c = [...][severity - 1]`). */
export function atSeverity<T>(table: readonly [T, T, T, T, T], severity: Severity): T {
  return table[severity - 1];
}
