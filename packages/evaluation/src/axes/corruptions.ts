import { corruptionSummary, topKError } from '@vpixmix/metrics';
import type { CorruptionSource } from '../companions/companions';
import { CountProgress, type LineSink } from '@vpixmix/datasets';
import type { EvaluatedModel } from '../model';
import { predictDataset } from '../predict';
import type { CorruptionsResult } from '../results';
import { percent, rmsOf } from './clean';

/** Top-1 error on every corruption at every requested severity; mCE is their mean (the reference's uniform baseline). */
export async function evaluateCorruptions(
  model: EvaluatedModel,
  source: CorruptionSource,
  options: { batchSize: number; binSize: number; log?: LineSink; signal?: AbortSignal },
): Promise<CorruptionsResult> {
  const { names, severities, count } = source;
  const progress = new CountProgress(options.log, `  corruptions (${names.length} x ${severities.length} sets of ${count}):`, names.length * severities.length * count);
  const errors: number[][] = [];
  const rmsPerCorruption: number[] = [];
  for (const name of names) {
    const row: number[] = [];
    let rmsSum = 0;
    for (const severity of severities) {
      const predictions = await predictDataset(model, source.dataset(name, severity), options.batchSize, (n) => progress.add(n), options.signal);
      row.push(percent(topKError({ data: predictions.logits, numClasses: predictions.numClasses }, predictions.labels, 1)));
      rmsSum += rmsOf(predictions, options.binSize);
    }
    errors.push(row);
    rmsPerCorruption.push(rmsSum / severities.length);
  }
  const summary = corruptionSummary(errors);
  return {
    names: [...names],
    severities: [...severities],
    errors,
    perCorruption: summary.perCorruption.map((r) => r.error),
    perSeverity: summary.perSeverity,
    mce: summary.unnormalizedMce,
    rmsPerCorruption,
    count,
    source: source.description,
  };
}
