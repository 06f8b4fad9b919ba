import * as tf from '@tensorflow/tfjs-core';
import { type LabelledBatch, evaluateUnderAttack } from '@vpixmix/attacks';
import type { AnyDataset } from '@vpixmix/datasets';
import { CountProgress, type LineSink } from '@vpixmix/datasets';
import type { EvaluatedModel } from '../model';
import { packSamples, readSamples, stopBetweenBatches } from '../predict';
import type { AdversariesResult } from '../results';
import type { AdversarySettings } from '../settings';
import { percent } from './clean';

/** Batches of [0, 1] inputs; each batch's tensor is disposed when the next is asked for (and at the end). */
async function* unitBatches(dataset: AnyDataset, batchSize: number, signal?: AbortSignal): AsyncGenerator<LabelledBatch> {
  for (let start = 0; start < dataset.length; start += batchSize) {
    await stopBetweenBatches(signal);
    const { samples, labels } = await readSamples(dataset, start, Math.min(dataset.length, start + batchSize));
    const { xs, shape } = packSamples(samples, 'unit');
    const images = tf.tensor(xs, shape, 'float32');
    try {
      yield { images, labels };
    } finally {
      images.dispose();
    }
  }
}

/**
 * Error under PGD (DESIGN.md's protocol by default: L-inf, eps 2/255, 20 steps of 0.5/255,
 * uniform random start, projection around the clean input, inputs clamped to [0, 1], the
 * model in inference mode). For clips the same eps bounds every frame.
 */
export async function evaluateAdversaries(
  model: EvaluatedModel,
  dataset: AnyDataset,
  settings: AdversarySettings,
  options: { batchSize: number; seed: number; log?: LineSink; signal?: AbortSignal },
): Promise<AdversariesResult> {
  const progress = new CountProgress(options.log, `  PGD-${settings.steps} (${settings.norm}, eps ${formatEps(settings.eps)}):`, dataset.length);
  const evaluation = await evaluateUnderAttack(
    model.attackLogits,
    unitBatches(dataset, options.batchSize, options.signal),
    {
      method: 'pgd',
      norm: settings.norm,
      eps: settings.eps,
      stepSize: settings.stepSize,
      steps: settings.steps,
      restarts: settings.restarts,
      projectAround: settings.projectAround,
      randomStart: true,
      seed: options.seed,
    },
    (report) => progress.add(report.examples),
  );
  return {
    norm: settings.norm,
    eps: settings.eps,
    stepSize: settings.stepSize,
    steps: settings.steps,
    restarts: settings.restarts,
    cleanError: percent(evaluation.cleanError),
    error: percent(evaluation.adversarialError),
    count: evaluation.examples,
  };
}

/** 0.00784 -> "2/255" when it is a whole number of 8-bit levels. */
export function formatEps(eps: number): string {
  const halves = eps * 255 * 2;
  return Math.abs(halves - Math.round(halves)) < 1e-6 ? `${Math.round(halves) / 2}/255` : String(Number(eps.toPrecision(3)));
}
