/**
 * What evaluating one trained model (one arm, one seed) produces, axis by axis. Rates are
 * percentages, as the paper's tables give them; every axis records how many items it used.
 */

export interface CleanResult {
  /** Top-1 error, %. */
  error: number;
  /** Top-5 error, % (absent with fewer than 6 classes). */
  top5Error?: number;
  count: number;
}

export interface CalibrationResult {
  /** RMS calibration error on the clean test set, % (confidence-sorted bins of binSize, all bins). */
  rms: number;
  /** Mean RMS calibration error over the corruption sets, % (when corruptions were evaluated). */
  rmsCorrupted?: number;
  /** Expected calibration error (15 equal-width bins), %. */
  ece: number;
  binSize: number;
  /** Reliability diagram: equal-width confidence bins (accuracy and confidence as fractions). */
  reliability: { lower: number; upper: number; count: number; accuracy: number; confidence: number }[];
  count: number;
}

export interface CorruptionsResult {
  names: string[];
  severities: number[];
  /** errors[c][s]: top-1 error (%) on corruption names[c] at severities[s]. */
  errors: number[][];
  /** Mean error per corruption over severities, %. */
  perCorruption: number[];
  /** Mean error per severity over corruptions, %. */
  perSeverity: number[];
  /** Mean corruption error (unnormalised: the reference's uniform baseline), %. */
  mce: number;
  /** RMS calibration error per corruption (mean over severities), %. */
  rmsPerCorruption: number[];
  /** Items per corruption and severity. */
  count: number;
  source: string;
}

export interface ConsistencyResult {
  names: string[];
  /** Flip probability per perturbation, %. */
  flipProbability: number[];
  /** Mean flip rate (mean of the flip probabilities), %. */
  mfr: number;
  /** Sequences per perturbation and their steps. */
  sequences: number;
  steps: number[];
  source: string;
}

export interface AdversariesResult {
  norm: 'linf' | 'l2';
  eps: number;
  stepSize: number;
  steps: number;
  restarts: number;
  /** Clean error on the attacked items, %. */
  cleanError: number;
  /** Error under PGD, %. */
  error: number;
  count: number;
}

export interface AnomalySetResult {
  name: string;
  auroc: number;
  auprOut: number;
  auprIn: number;
  fpr95: number;
  inCount: number;
  outCount: number;
  /** ROC curve points (fpr, tpr), thinned for figures. */
  roc: [number, number][];
}

export interface AnomalyResult {
  sets: AnomalySetResult[];
  /** Means over the sets, %. */
  auroc: number;
  auprOut: number;
  fpr95: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  /** Training accuracy over the epoch (augmented inputs), %. */
  accuracy: number;
}

export interface TrainingResult {
  epochs: EpochRecord[];
  /** Loss per step (x = fractional epoch), thinned for figures. */
  steps: [number, number][];
  seconds: number;
  totalSteps: number;
}

/** Everything measured for one arm and seed; absent axes were not requested or not reached. */
export interface UnitResult {
  arm: string;
  seed: number;
  training?: TrainingResult;
  clean?: CleanResult;
  calibration?: CalibrationResult;
  corruptions?: CorruptionsResult;
  consistency?: ConsistencyResult;
  adversaries?: AdversariesResult;
  anomaly?: AnomalyResult;
  /** Seconds spent evaluating, by axis. */
  evalSeconds?: Record<string, number>;
}

export type EvaluatedAxis = 'clean' | 'calibration' | 'corruptions' | 'consistency' | 'adversaries' | 'anomaly';
