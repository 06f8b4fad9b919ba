import { describe, expect, it } from 'vitest';
import { calibrationError, equalMassBins, expectedCalibrationError, MetricInputError, reliabilityDiagram, rmsCalibrationError } from './index';

describe('calibration', () => {
  it('bins by sorted confidence, the last bin taking the remainder', () => {
    const confidence = [0.9, 0.1, 0.5, 0.7, 0.3];
    const correct = [1, 0, 1, 1, 0];
    const bins = equalMassBins(confidence, correct, { binSize: 2 });
    expect(bins.map((b) => b.count)).toEqual([2, 3]);
    expect(bins[0]).toMatchObject({ lower: 0.1, upper: 0.3, accuracy: 0 });
    expect(bins[0].meanConfidence).toBeCloseTo(0.2, 15);
    expect(bins[1].accuracy).toBe(1);
    expect(bins[1].meanConfidence).toBeCloseTo(0.7, 15);
    // RMS: sqrt(2/5 * 0.2^2 + 3/5 * 0.3^2); skipping the last bin keeps only the first term.
    expect(rmsCalibrationError(confidence, correct, { binSize: 2 })).toBeCloseTo(Math.sqrt(0.4 * 0.04 + 0.6 * 0.09), 15);
    expect(rmsCalibrationError(confidence, correct, { binSize: 2, bins: 'reference-skips-last' })).toBeCloseTo(Math.sqrt(0.4 * 0.04), 15);
    expect(calibrationError(confidence, correct, { binSize: 2, p: 1 })).toBeCloseTo(0.4 * 0.2 + 0.6 * 0.3, 15);
    expect(calibrationError(confidence, correct, { binSize: 2, p: Infinity })).toBeCloseTo(0.3, 15);
  });

  it('uses one bin when there are fewer examples than a bin holds', () => {
    expect(equalMassBins([0.8, 0.6], [1, 0])).toHaveLength(1);
    expect(rmsCalibrationError([0.8, 0.6], [1, 0])).toBeCloseTo(0.2, 15);
    expect(rmsCalibrationError([0.8, 0.6], [true, false])).toBeCloseTo(0.2, 15);
  });

  it('is zero for a perfectly calibrated predictor', () => {
    const confidence = Array.from({ length: 400 }, (_, i) => (i < 200 ? 0.25 : 0.75));
    const correct = confidence.map((c, i) => ((i % 4) < c * 4 ? 1 : 0));
    expect(rmsCalibrationError(confidence, correct)).toBeCloseTo(0, 15);
    expect(expectedCalibrationError(confidence, correct)).toBeCloseTo(0, 15);
  });

  it('puts equal-width bin edges in the lower bin: (lower, upper]', () => {
    const bins = reliabilityDiagram([0, 0.2, 0.2000001, 1], [1, 0, 1, 1], { numBins: 5 });
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 1]);
    expect(bins[2]).toMatchObject({ count: 0, lower: 0.4, upper: 0.6 });
    // ECE = 2/4*|0.5-0.1| + 1/4*|1-0.2000001| + 1/4*|1-1|
    expect(expectedCalibrationError([0, 0.2, 0.2000001, 1], [1, 0, 1, 1], { numBins: 5 })).toBeCloseTo(0.5 * 0.4 + 0.25 * 0.7999999, 12);
  });

  it('names the bad argument', () => {
    expect(() => rmsCalibrationError([0.5, 0.6], [1])).toThrow(MetricInputError);
    expect(() => rmsCalibrationError([0.5, 0.6], [1])).toThrow(/correct: has 1 values but confidence has 2/);
    expect(() => rmsCalibrationError([1.5], [1])).toThrow(/confidence: value 0 is 1.5/);
    expect(() => rmsCalibrationError([0.5], [2])).toThrow(/correct: value 0 is 2/);
    expect(() => rmsCalibrationError([0.5], [1], { binSize: 0 })).toThrow(/binSize: must be an integer >= 1/);
  });
});
