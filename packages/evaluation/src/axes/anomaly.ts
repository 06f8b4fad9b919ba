import type { AnyDataset } from '@vpixmix/datasets';
import { anomalyMeasures, mspAnomalyScores, rocCurve } from '@vpixmix/metrics';
import { CountProgress, type LineSink } from '@vpixmix/datasets';
import type { EvaluatedModel } from '../model';
import { predictDataset } from '../predict';
import { EvaluationDataError } from '../errors';
import type { AnomalyResult, AnomalySetResult } from '../results';
import { evaluationSubset } from '../subset';
import { percent } from './clean';

/** At most `max` points of a curve, always keeping its ends (enough for a figure). */
export function thinCurve(xs: ArrayLike<number>, ys: ArrayLike<number>, max = 200): [number, number][] {
  const n = xs.length;
  const step = Math.max(1, Math.ceil(n / max));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += step) out.push([xs[i], ys[i]]);
  if (n > 0 && (n - 1) % step !== 0) out.push([xs[n - 1], ys[n - 1]]);
  return out;
}

/**
 * Anomaly detection with the maximum softmax probability: score = -MSP, out-of-distribution
 * is the positive class; AUROC, AUPR (out) and FPR at 95% TPR per OOD set, and their means.
 */
export async function evaluateAnomaly(
  model: EvaluatedModel,
  inScores: Float64Array,
  ood: Readonly<Record<string, () => AnyDataset>>,
  options: { sets: readonly string[]; limit?: number; batchSize: number; log?: LineSink; signal?: AbortSignal },
): Promise<AnomalyResult> {
  const count = options.limit ?? Math.max(1, Math.floor(inScores.length / 5));
  const results: AnomalySetResult[] = [];
  for (const name of options.sets) {
    const open = ood[name];
    if (!open) throw new EvaluationDataError(`no out-of-distribution set '${name}'; this data set has ${Object.keys(ood).join(', ')}`);
    const dataset = evaluationSubset(open(), count, `anomaly/${name}`);
    const progress = new CountProgress(options.log, `  anomaly ${name}:`, dataset.length);
    const predictions = await predictDataset(model, dataset, options.batchSize, (n) => progress.add(n), options.signal);
    const outScores = mspAnomalyScores({ data: predictions.logits, numClasses: predictions.numClasses });
    const measures = anomalyMeasures(inScores, outScores);
    const roc = rocCurve(inScores, outScores);
    results.push({
      name,
      auroc: percent(measures.auroc),
      auprOut: percent(measures.auprOut),
      auprIn: percent(measures.auprIn),
      fpr95: percent(measures.fprAt95Tpr),
      inCount: measures.inCount,
      outCount: measures.outCount,
      roc: thinCurve(roc.fpr, roc.tpr),
    });
  }
  const mean = (key: 'auroc' | 'auprOut' | 'fpr95') => results.reduce((s, r) => s + r[key], 0) / results.length;
  return { sets: results, auroc: mean('auroc'), auprOut: mean('auprOut'), fpr95: mean('fpr95') };
}
