import * as tf from '@tensorflow/tfjs-core';
import { fgsm, pgd } from './pgd';
import { labelTensor, type Labels, type LogitsFunction } from './loss';
import { streamSeed, type PgdOptions } from './options';

export interface LabelledBatch {
  /** [0, 1] inputs, NHWC or NDHWC. Left to the caller to dispose. */
  images: tf.Tensor;
  labels: Labels;
}

export type AttackSpec = ({ method: 'pgd' } & PgdOptions) | { method: 'fgsm'; norm?: 'linf' | 'l2'; eps?: number };

export interface BatchReport {
  batch: number;
  examples: number;
  /** Examples seen so far, over all batches. */
  done: number;
}

export interface AttackEvaluation {
  examples: number;
  /** Per example, 1 when the clean input is classified correctly. */
  cleanCorrect: Uint8Array;
  /** Per example, 1 when the adversarial input is still classified correctly. */
  adversarialCorrect: Uint8Array;
  cleanError: number;
  adversarialError: number;
}

/** Per example of `clean` and `adversarial`, 1 when classified correctly; one asynchronous read for both. */
async function correctFlags(logitsFn: LogitsFunction, clean: tf.Tensor, adversarial: tf.Tensor, labels: tf.Tensor1D): Promise<[Uint8Array, Uint8Array]> {
  const flags = tf.tidy(() =>
    tf.concat([tf.equal(tf.argMax(logitsFn(clean), 1), labels), tf.equal(tf.argMax(logitsFn(adversarial), 1), labels)]),
  );
  try {
    const values = Uint8Array.from(await flags.data());
    const n = labels.shape[0];
    return [values.subarray(0, n), values.subarray(n)];
  } finally {
    flags.dispose();
  }
}

/**
 * Clean and adversarial accuracy over a stream of batches. Each batch is attacked on its
 * own, with its own random-start stream (the seed mixed with the batch index), and
 * everything made for a batch is disposed before the next one.
 */
export async function evaluateUnderAttack(
  logitsFn: LogitsFunction,
  batches: Iterable<LabelledBatch> | AsyncIterable<LabelledBatch>,
  attack: AttackSpec,
  onBatch?: (report: BatchReport) => void,
): Promise<AttackEvaluation> {
  const clean: Uint8Array[] = [];
  const adversarial: Uint8Array[] = [];
  let done = 0;
  let index = 0;
  for await (const batch of batches) {
    const labels = labelTensor(batch.labels);
    try {
      const { method, ...options } = attack;
      const adv =
        method === 'fgsm'
          ? await fgsm(logitsFn, batch.images, labels, options)
          : await pgd(logitsFn, batch.images, labels, { ...options, seed: streamSeed((options as PgdOptions).seed ?? 0, index) });
      try {
        const [cleanFlags, adversarialFlags] = await correctFlags(logitsFn, batch.images, adv, labels);
        clean.push(cleanFlags);
        adversarial.push(adversarialFlags);
      } finally {
        adv.dispose();
      }
    } finally {
      labels.dispose();
    }
    done += batch.images.shape[0];
    onBatch?.({ batch: index, examples: batch.images.shape[0], done });
    index++;
    await tf.nextFrame();
  }
  const join = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  const cleanCorrect = join(clean);
  const adversarialCorrect = join(adversarial);
  const errorOf = (flags: Uint8Array) => (flags.length ? 1 - flags.reduce((n, f) => n + f, 0) / flags.length : Number.NaN);
  return {
    examples: cleanCorrect.length,
    cleanCorrect,
    adversarialCorrect,
    cleanError: errorOf(cleanCorrect),
    adversarialError: errorOf(adversarialCorrect),
  };
}
