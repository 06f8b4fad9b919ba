// The public surface of @vpixmix/evaluation. Everything another package may import is exported here.
export { EvaluationDataError, EvaluationArgumentError } from './errors';
export {
  type EvaluationSettings,
  type EvaluationData,
  type CompanionSettings,
  type AdversarySettings,
  type EvaluationSettingsInput,
  defaultEvaluationSettings,
  resolveEvaluationSettings,
  evaluatedAxes,
  defaultCorruptions,
  defaultPerturbations,
} from './settings';
export type * from './results';
export { evaluationSubset, evaluationIndices } from './subset';

// Any model or logits function, every axis: the public entry point.
export { evaluateSafety, type SafetyInput, type SafetyOptions, type SafetyProgress, type CompanionSources } from './evaluate-safety';
export { type EvaluatedModel, modelOf, logitsOf } from './model';

// One model, every axis, in a caller's context (resumable: axes a result already holds are skipped).
export { evaluateUnit, type EvaluationContext } from './evaluate-unit';
export { formatEps } from './axes/adversaries';
export { thinCurve } from './axes/anomaly';

// Inference over data sets, `batchSize` at a time.
export { type Predictions, packSamples, predictSamples, readSamples, predictDataset } from './predict';

// The -C / -P items an evaluation reads: a folder, or generated from the test items (cached).
export {
  type CorruptionSource,
  type PerturbationSource,
  type CompanionContext,
  cacheLimitBytes,
  companionFolder,
  openCorruptionSource,
  openPerturbationSource,
} from './companions/companions';
export {
  type GenerateOptions,
  generatedCorruptions,
  generatedPerturbations,
  corruptSample,
  perturbSample,
  corruptionStream,
  perturbationStream,
} from './companions/generate-companions';
export { corruptedView, perturbedSequence, perturbationSteps } from './companions/on-the-fly';
