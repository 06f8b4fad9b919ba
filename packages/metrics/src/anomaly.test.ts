import { describe, expect, it } from 'vitest';
import { anomalyMeasures, aupr, auroc, fprAtTpr, MetricInputError, rocCurve } from './index';

describe('anomaly detection', () => {
  it('scores perfect, inverted and fully tied detectors', () => {
    expect(auroc([0, 1, 2], [3, 4])).toBe(1);
    expect(auroc([3, 4], [0, 1, 2])).toBe(0);
    expect(auroc([1, 1, 1], [1, 1])).toBe(0.5);
    expect(aupr([0, 1, 2], [3, 4])).toBe(1);
    expect(aupr([0, 1, 2], [3, 4], { positive: 'in' })).toBe(1);
    // All tied: one threshold, precision = share of positives.
    expect(aupr([1, 1, 1], [1, 1])).toBeCloseTo(2 / 5, 15);
    expect(fprAtTpr([0, 1, 2], [3, 4])).toBe(0);
  });

  it('counts a tie between an in and an out score as one half (Mann-Whitney)', () => {
    // Pairs (out vs in): 5 > 1, 5 > 2, 2 > 1, 2 = 2 (half) -> 3.5 / 4.
    expect(auroc([1, 2], [5, 2])).toBeCloseTo(3.5 / 4, 15);
    // And against a brute-force pair count on a tie-heavy sample.
    const inScores = [0, 1, 1, 2, 2, 2, 3, 0, 1];
    const outScores = [1, 2, 3, 3, 2, 4];
    let wins = 0;
    for (const o of outScores) for (const i of inScores) wins += o > i ? 1 : o === i ? 0.5 : 0;
    expect(auroc(inScores, outScores)).toBeCloseTo(wins / (inScores.length * outScores.length), 14);
  });

  it('computes average precision as a step sum over distinct thresholds', () => {
    // Descending: 4 (out), 3 (in), 2 (out) -> recall 1/2 at precision 1, recall 1 at precision 2/3.
    expect(aupr([3], [4, 2])).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
    // In as positive (scores negated): -2 (out), -3 (in), -4 (out) -> recall 1 at precision 1/2.
    expect(aupr([3], [4, 2], { positive: 'in' })).toBeCloseTo(0.5, 15);
  });

  it("follows roc_curve's drop_intermediate when picking the first point reaching the TPR", () => {
    // Every threshold holds one in and one out score: the ROC is the diagonal, and scikit-learn
    // keeps only its ends, so the first point with TPR >= 0.5 is (1, 1).
    const scores = [4, 3, 2, 1];
    expect(fprAtTpr(scores, scores, { tpr: 0.5 })).toBe(1);
    expect(fprAtTpr(scores, scores, { tpr: 0.5, dropIntermediate: false })).toBe(0.5);
    const roc = rocCurve(scores, scores);
    expect(Array.from(roc.fpr)).toEqual([0, 0.25, 1]);
    expect(roc.thresholds[0]).toBe(Infinity);
    expect(Array.from(rocCurve(scores, scores, { dropIntermediate: false }).tpr)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('offers the reference code\'s closest-recall FPR as a named method', () => {
    // out 10..1 (recall steps of 0.1), in 9.5, 1 (tied with the last out), 0.5:
    // recall 0.9 has 1 FP, recall 1.0 has 2.
    const out = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const inScores = [9.5, 1, 0.5];
    expect(fprAtTpr(inScores, out, { tpr: 0.95 })).toBeCloseTo(2 / 3, 15);
    // In float64 |0.9 - 0.95| < |1 - 0.95|, so the closest recall is 0.9, below the target.
    expect(fprAtTpr(inScores, out, { tpr: 0.95, method: 'reference-closest' })).toBeCloseTo(1 / 3, 15);
    expect(fprAtTpr(inScores, out, { tpr: 0.5, method: 'reference-closest' })).toBeCloseTo(1 / 3, 15);
    // Recall 0.1 holds at 10 (no FP) and at 9.5 (one FP); searching from full recall down, the
    // reference meets 9.5 first and keeps it.
    expect(fprAtTpr(inScores, out, { tpr: 0.05, method: 'reference-closest' })).toBeCloseTo(1 / 3, 15);
    expect(fprAtTpr(inScores, out, { tpr: 0.05 })).toBe(0);
  });

  it('bundles the four measures and rejects bad input by name', () => {
    const m = anomalyMeasures([0, 1], [2, 3]);
    expect(m).toMatchObject({ auroc: 1, auprOut: 1, auprIn: 1, fprAt95Tpr: 0, inCount: 2, outCount: 2 });
    expect(() => auroc([], [1])).toThrow(MetricInputError);
    expect(() => auroc([], [1])).toThrow(/inScores: is empty/);
    expect(() => auroc([1], [Number.NaN])).toThrow(/outScores: value 0 is NaN/);
    expect(() => fprAtTpr([1], [2], { tpr: 2 })).toThrow(/tpr: must be in \[0, 1\]/);
  });
});
