import type { LineSink } from '@vpixmix/datasets';
import type { CorruptionSource, PerturbationSource } from './companions/companions';
import { evaluateAdversaries } from './axes/adversaries';
import { evaluateAnomaly } from './axes/anomaly';
import { calibrationResult, cleanResult, predictClean, type CleanPredictions } from './axes/clean';
import { evaluateConsistency } from './axes/consistency';
import { evaluateCorruptions } from './axes/corruptions';
import type { EvaluatedModel } from './model';
import type { EvaluatedAxis, UnitResult } from './results';
import type { EvaluationData, EvaluationSettings } from './settings';
import { evaluationSubset } from './subset';

/** What evaluation shares across arms: the settings, the data, and the -C/-P sources (opened once). */
export interface EvaluationContext {
  settings: EvaluationSettings;
  data: EvaluationData;
  corruptions(): Promise<CorruptionSource>;
  perturbations(): Promise<PerturbationSource>;
  log?: LineSink;
  /** Aborted on Ctrl-C: evaluation stops between batches, keeping the axes already saved. */
  signal?: AbortSignal;
  /** Called as each axis starts. */
  onAxisStart?(axis: EvaluatedAxis): void;
}

/**
 * Evaluates a trained model on every requested axis that `result` does not hold yet, calling
 * `save` after each one: an interrupted evaluation resumes at the first missing axis.
 */
export async function evaluateUnit(model: EvaluatedModel, result: UnitResult, context: EvaluationContext, save: (result: UnitResult) => void): Promise<void> {
  const { settings: evaluation, data, log, signal } = context;
  const wanted = (axis: EvaluatedAxis) => evaluation.axes.includes(axis);
  const batchSize = evaluation.batchSize;
  const seconds = (result.evalSeconds ??= {});
  const timed = async <T>(axis: EvaluatedAxis, work: () => Promise<T>): Promise<T> => {
    context.onAxisStart?.(axis);
    const started = Date.now();
    const value = await work();
    seconds[axis] = (Date.now() - started) / 1000;
    return value;
  };
  const test = evaluationSubset(data.test, evaluation.limit, 'clean');

  let clean: CleanPredictions | undefined;
  const cleanPredictions = async () => (clean ??= await predictClean(model, test, batchSize, log, signal));

  if (wanted('clean') && !result.clean) {
    result.clean = await timed('clean', async () => cleanResult(await cleanPredictions()));
    save(result);
  }
  if (wanted('calibration') && !result.calibration) {
    result.calibration = await timed('calibration', async () => calibrationResult(await cleanPredictions(), evaluation.calibration.binSize));
    save(result);
  }
  if (wanted('corruptions') && !result.corruptions) {
    const source = await context.corruptions();
    result.corruptions = await timed('corruptions', () => evaluateCorruptions(model, source, { batchSize, binSize: evaluation.calibration.binSize, log, signal }));
    save(result);
  }
  if (result.calibration && result.corruptions && result.calibration.rmsCorrupted === undefined) {
    const values = result.corruptions.rmsPerCorruption;
    result.calibration.rmsCorrupted = values.reduce((s, v) => s + v, 0) / values.length;
    save(result);
  }
  if (wanted('consistency') && !result.consistency) {
    const source = await context.perturbations();
    result.consistency = await timed('consistency', () => evaluateConsistency(model, source, { batchSize, log, signal }));
    save(result);
  }
  if (wanted('adversaries') && !result.adversaries) {
    const settings = evaluation.adversaries;
    const attacked = evaluationSubset(data.test, settings.limit ?? evaluation.limit, 'adversaries');
    result.adversaries = await timed('adversaries', () => evaluateAdversaries(model, attacked, settings, { batchSize, seed: result.seed, log, signal }));
    save(result);
  }
  if (wanted('anomaly') && !result.anomaly) {
    const { inScores } = await cleanPredictions();
    result.anomaly = await timed('anomaly', () =>
      evaluateAnomaly(model, inScores, data.ood, { sets: evaluation.anomaly.sets, limit: evaluation.anomaly.limit, batchSize, log, signal }),
    );
    save(result);
  }
}
