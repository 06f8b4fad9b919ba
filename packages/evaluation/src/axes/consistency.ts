import type { Sample } from '@vpixmix/datasets';
import { argmax, flipProbability, isNoisePerturbation, meanFlipRate } from '@vpixmix/metrics';
import type { PerturbationSource } from '../companions/companions';
import { CountProgress, type LineSink } from '@vpixmix/datasets';
import type { EvaluatedModel } from '../model';
import { predictSamples } from '../predict';
import type { ConsistencyResult } from '../results';
import { percent } from './clean';

/**
 * Flip probability of every perturbation's sequences (each step against the previous one,
 * noise sequences against step 0) and mFR, their mean. Sequences are batched together.
 */
export async function evaluateConsistency(
  model: EvaluatedModel,
  source: PerturbationSource,
  options: { batchSize: number; log?: LineSink; signal?: AbortSignal },
): Promise<ConsistencyResult> {
  const progress = new CountProgress(options.log, `  consistency (${source.names.length} perturbations x ${source.count} sequences):`, source.names.length * source.count, 'sequences');
  const flips: number[] = [];
  const steps: number[] = [];
  for (const name of source.names) {
    const predictions: Int32Array[] = [];
    let pending: Sample[] = [];
    let pendingLengths: number[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const logits = await predictSamples(model, pending, options.batchSize, options.signal);
      const classes = argmax({ data: logits, numClasses: logits.length / pending.length });
      let offset = 0;
      for (const length of pendingLengths) {
        predictions.push(classes.slice(offset, offset + length));
        offset += length;
      }
      progress.add(pendingLengths.length);
      pending = [];
      pendingLengths = [];
    };
    for (let i = 0; i < source.count; i++) {
      const { steps: frames } = await source.sequence(name, i);
      pending.push(...frames);
      pendingLengths.push(frames.length);
      if (pending.length >= options.batchSize) await flush();
    }
    await flush();
    steps.push(source.steps(name));
    flips.push(percent(flipProbability(predictions, { noise: isNoisePerturbation(name) })));
  }
  return {
    names: [...source.names],
    flipProbability: flips,
    mfr: meanFlipRate(flips),
    sequences: source.count,
    steps,
    source: source.description,
  };
}
