import { describe, expect, it } from 'vitest';
import {
  argmax,
  classificationSummary,
  confidenceAndCorrect,
  logSoftmax,
  maxSoftmaxProbability,
  MetricInputError,
  mspAnomalyScores,
  softmax,
  topKCorrect,
  topKError,
} from './index';

describe('softmax and classification', () => {
  it('computes softmax stably for large logits', () => {
    const p = softmax([[1000, 1000 + Math.log(3)], [0, 0]]);
    expect(p.data[0]).toBeCloseTo(0.25, 12);
    expect(p.data[1]).toBeCloseTo(0.75, 12);
    expect(p.data[2]).toBe(0.5);
    const lp = logSoftmax({ data: [1000, 1000 + Math.log(3)], numClasses: 2 });
    expect(lp.data[0]).toBeCloseTo(Math.log(0.25), 12);
    expect(maxSoftmaxProbability([[0, Math.log(3)]])[0]).toBeCloseTo(0.75, 15);
    expect(mspAnomalyScores([[0, Math.log(3)]])[0]).toBeCloseTo(-0.75, 15);
  });

  it('counts top-1 and top-5 hits, ties to the lower class index', () => {
    const scores = [
      [0.1, 0.5, 0.2, 0.0, 0.0, 0.0, 0.2], // label 1: top-1
      [0.3, 0.3, 0.0, 0.0, 0.0, 0.0, 0.4], // label 1: tied with class 0, so 3rd
      [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3], // label 6: 7th
    ];
    expect(Array.from(argmax(scores))).toEqual([1, 6, 0]);
    expect(Array.from(topKCorrect(scores, [1, 1, 6], 1))).toEqual([1, 0, 0]);
    expect(Array.from(topKCorrect(scores, [1, 1, 6], 2))).toEqual([1, 0, 0]);
    expect(Array.from(topKCorrect(scores, [1, 1, 6], 3))).toEqual([1, 1, 0]);
    expect(topKError(scores, [1, 1, 6], 5)).toBeCloseTo(1 / 3, 15);
    expect(classificationSummary(scores, [1, 1, 6])).toMatchObject({ examples: 3, top1Accuracy: 1 / 3, top5Accuracy: 2 / 3 });
    const { confidence, correct } = confidenceAndCorrect([[0, Math.log(3)]], [1]);
    expect(confidence[0]).toBeCloseTo(0.75, 15);
    expect(correct[0]).toBe(1);
  });

  it('names the bad argument', () => {
    expect(() => topKCorrect([[1, 2]], [2])).toThrow(MetricInputError);
    expect(() => topKCorrect([[1, 2]], [2])).toThrow(/labels: value 0 is 2; labels are integers in \[0, 1\]/);
    expect(() => topKCorrect([[1, 2], [1]], [0, 0])).toThrow(/scores: row 1 has 1 scores but row 0 has 2/);
    expect(() => topKCorrect([[1, 2]], [0, 1])).toThrow(/labels: has 2 labels but scores has 1 rows/);
    expect(() => softmax({ data: [1, 2, 3], numClasses: 2 })).toThrow(/not a multiple of numClasses 2/);
  });
});
