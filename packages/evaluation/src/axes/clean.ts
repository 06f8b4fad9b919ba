import type { AnyDataset } from '@vpixmix/datasets';
import {
  confidenceAndCorrect,
  expectedCalibrationError,
  mspAnomalyScores,
  reliabilityDiagram,
  rmsCalibrationError,
  topKError,
} from '@vpixmix/metrics';
import { CountProgress, type LineSink } from '@vpixmix/datasets';
import type { EvaluatedModel } from '../model';
import { predictDataset, type Predictions } from '../predict';
import type { CalibrationResult, CleanResult } from '../results';

export interface CleanPredictions {
  predictions: Predictions;
  /** Anomaly scores of the in-distribution items (-max softmax probability). */
  inScores: Float64Array;
}

export async function predictClean(model: EvaluatedModel, test: AnyDataset, batchSize: number, log?: LineSink, signal?: AbortSignal): Promise<CleanPredictions> {
  const progress = new CountProgress(log, '  clean test set:', test.length);
  const predictions = await predictDataset(model, test, batchSize, (n) => progress.add(n), signal);
  return { predictions, inScores: mspAnomalyScores({ data: predictions.logits, numClasses: predictions.numClasses }) };
}

export const percent = (fraction: number): number => 100 * fraction;

export function cleanResult({ predictions }: CleanPredictions): CleanResult {
  const scores = { data: predictions.logits, numClasses: predictions.numClasses };
  return {
    error: percent(topKError(scores, predictions.labels, 1)),
    ...(predictions.numClasses > 5 ? { top5Error: percent(topKError(scores, predictions.labels, 5)) } : {}),
    count: predictions.labels.length,
  };
}

/** RMS calibration error (the paper's measure), ECE and the reliability diagram of the clean predictions. */
export function calibrationResult({ predictions }: CleanPredictions, binSize: number): CalibrationResult {
  const { confidence, correct } = confidenceAndCorrect({ data: predictions.logits, numClasses: predictions.numClasses }, predictions.labels);
  const bins = reliabilityDiagram(confidence, correct, { numBins: 15 });
  return {
    rms: percent(rmsCalibrationError(confidence, correct, { binSize })),
    ece: percent(expectedCalibrationError(confidence, correct, { numBins: 15 })),
    binSize,
    reliability: bins.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, accuracy: b.accuracy, confidence: b.meanConfidence })),
    count: predictions.labels.length,
  };
}

/** RMS calibration error of any predictions, %. */
export function rmsOf(predictions: Predictions, binSize: number): number {
  const { confidence, correct } = confidenceAndCorrect({ data: predictions.logits, numClasses: predictions.numClasses }, predictions.labels);
  return percent(rmsCalibrationError(confidence, correct, { binSize }));
}
