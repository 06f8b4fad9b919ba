import { describe, expect, it } from 'vitest';
import {
  corruptionSummary,
  meanCorruptionError,
  meanPerformanceUnderCorruption,
  MetricInputError,
  relativePerformanceUnderCorruption,
} from './index';

describe('corruption error', () => {
  const errors = [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ];
  const baseline = [
    [0.2, 0.4, 0.6],
    [0.5, 0.5, 0.5],
  ];

  it('gives the plain mean and the baseline-normalised mCE', () => {
    expect(meanCorruptionError(errors)).toBeCloseTo(0.35, 15);
    // (0.6 / 1.2 + 1.5 / 1.5) / 2
    expect(meanCorruptionError(errors, { baselineErrors: baseline })).toBeCloseTo(0.75, 15);
  });

  it('reports every corruption and the relative mCE when clean errors are given', () => {
    const s = corruptionSummary(errors, { baselineErrors: baseline, cleanError: 0.05, baselineCleanError: 0.1 });
    expect(s.perCorruption[0].error).toBeCloseTo(0.2, 15);
    expect(s.perSeverity.map((e) => Number(e.toFixed(12)))).toEqual([0.25, 0.35, 0.45]);
    expect(s.perCorruption[1].normalizedError).toBeCloseTo(1, 15);
    // (0.6 - 3*0.05) / (1.2 - 3*0.1) = 0.5; (1.5 - 0.15) / (1.5 - 0.3) = 1.125
    expect(s.perCorruption[0].relativeError).toBeCloseTo(0.5, 15);
    expect(s.relativeMce).toBeCloseTo((0.5 + 1.125) / 2, 15);
    expect(corruptionSummary(errors).normalizedMce).toBeUndefined();
  });

  it('gives video mPC and rPC', () => {
    const accuracies = [
      [0.9, 0.7],
      [0.8, 0.6],
    ];
    expect(meanPerformanceUnderCorruption(accuracies)).toBeCloseTo(0.75, 15);
    expect(relativePerformanceUnderCorruption(accuracies, 0.9)).toBeCloseTo(0.75 / 0.9, 15);
  });

  it('names the bad argument', () => {
    expect(() => meanCorruptionError([])).toThrow(MetricInputError);
    expect(() => meanCorruptionError([[0.1, 0.2], [0.3]])).toThrow(/errors\[1\]: has 1 severities/);
    expect(() => meanCorruptionError(errors, { baselineErrors: [[0.1, 0.2, 0.3]] })).toThrow(/baselineErrors: is 1x3 but errors is 2x3/);
    expect(() => relativePerformanceUnderCorruption(errors, 0)).toThrow(/cleanAccuracy/);
  });
});
