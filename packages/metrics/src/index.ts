// The public surface of @vpixmix/metrics. Everything another package may import is exported here.
export { MetricInputError } from './errors';
export type { NumberList, ScoreMatrix, DenseMatrix } from './validate';
export { softmax, logSoftmax, maxSoftmaxProbability, mspAnomalyScores } from './softmax';
export {
  argmax,
  topKCorrect,
  topKAccuracy,
  topKError,
  classificationSummary,
  confidenceAndCorrect,
  type ClassificationSummary,
} from './classification';
export {
  corruptionSummary,
  meanCorruptionError,
  meanPerformanceUnderCorruption,
  relativePerformanceUnderCorruption,
  type ErrorTable,
  type CorruptionErrorRow,
  type CorruptionSummary,
  type CorruptionOptions,
} from './corruption';
export { flipProbability, top5Distance, meanFlipRate, isNoisePerturbation, type SequenceOptions } from './flip';
export {
  equalMassBins,
  calibrationError,
  rmsCalibrationError,
  reliabilityDiagram,
  expectedCalibrationError,
  type CalibrationBin,
  type EqualMassOptions,
  type EqualWidthOptions,
  type CalibrationErrorOptions,
} from './calibration';
export {
  binaryCurve,
  rocCurve,
  auroc,
  aupr,
  fprAtTpr,
  anomalyMeasures,
  type BinaryCurve,
  type RocCurve,
  type RocOptions,
  type AuprOptions,
  type FprAtTprOptions,
  type AnomalyMeasures,
} from './anomaly';
