import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aupr, auroc, fprAtTpr, rmsCalibrationError, flipProbability, meanCorruptionError, corruptionSummary } from './index';

// scikit-learn / numpy values, read from the shared folder (never copied into the project).
const goldenPath = path.resolve(__dirname, '../../..', '../shared/golden/metrics/cases.json');
const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as {
  cases: {
    anomaly: { in_scores: number[]; out_scores: number[]; auroc: number; aupr_out: number; aupr_in: number; fpr_at_95_tpr: number }[];
    calibration: { confidence: number[]; correct: number[]; bin_size: number; rms_all_bins: number; rms_reference_skips_last_bin: number }[];
    flip: { predictions: number[][]; flip_probability_consecutive: number; flip_probability_vs_first_frame: number }[];
    mce: { errors: number[][]; baseline_errors: number[][]; unnormalized_mce: number; normalized_mce: number }[];
  };
};
const tolerance = 1e-6;

describe('metrics match the golden scikit-learn/numpy values within 1e-6', () => {
  it.each(golden.cases.anomaly.map((c, i) => [i, c] as const))('anomaly case %i', (_, c) => {
    expect(Math.abs(auroc(c.in_scores, c.out_scores) - c.auroc)).toBeLessThan(tolerance);
    expect(Math.abs(aupr(c.in_scores, c.out_scores) - c.aupr_out)).toBeLessThan(tolerance);
    expect(Math.abs(aupr(c.in_scores, c.out_scores, { positive: 'in' }) - c.aupr_in)).toBeLessThan(tolerance);
    expect(Math.abs(fprAtTpr(c.in_scores, c.out_scores) - c.fpr_at_95_tpr)).toBeLessThan(tolerance);
  });

  it.each(golden.cases.calibration.map((c, i) => [i, c] as const))('calibration case %i', (_, c) => {
    const all = rmsCalibrationError(c.confidence, c.correct, { binSize: c.bin_size });
    const skips = rmsCalibrationError(c.confidence, c.correct, { binSize: c.bin_size, bins: 'reference-skips-last' });
    expect(Math.abs(all - c.rms_all_bins)).toBeLessThan(tolerance);
    expect(Math.abs(skips - c.rms_reference_skips_last_bin)).toBeLessThan(tolerance);
  });

  it.each(golden.cases.flip.map((c, i) => [i, c] as const))('flip case %i', (_, c) => {
    expect(Math.abs(flipProbability(c.predictions) - c.flip_probability_consecutive)).toBeLessThan(tolerance);
    expect(Math.abs(flipProbability(c.predictions, { noise: true }) - c.flip_probability_vs_first_frame)).toBeLessThan(tolerance);
  });

  it.each(golden.cases.mce.map((c, i) => [i, c] as const))('mce case %i', (_, c) => {
    expect(Math.abs(meanCorruptionError(c.errors) - c.unnormalized_mce)).toBeLessThan(tolerance);
    expect(Math.abs(meanCorruptionError(c.errors, { baselineErrors: c.baseline_errors }) - c.normalized_mce)).toBeLessThan(tolerance);
    const summary = corruptionSummary(c.errors, { baselineErrors: c.baseline_errors });
    expect(summary.unnormalizedMce).toBeCloseTo(c.unnormalized_mce, 9);
    expect(summary.normalizedMce).toBeCloseTo(c.normalized_mce, 9);
  });
});
