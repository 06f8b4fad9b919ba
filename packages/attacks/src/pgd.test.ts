import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AttackArgumentError,
  evaluateUnderAttack,
  fgsm,
  inferenceLogits,
  inputGradient,
  perExampleCrossEntropy,
  perturbationSize,
  pgd,
  type LogitsFunction,
  type PgdOptions,
} from './index';
import { makeData, trainedModel, useCpu } from './testing/tiny-task';

let model: tfl.Sequential;
let logits: LogitsFunction;
let images: tf.Tensor4D;
let labels: tf.Tensor1D;
const eps = 8 / 255;

beforeAll(async () => {
  await useCpu();
  model = await trainedModel();
  logits = inferenceLogits(model);
  ({ images, labels } = makeData(192, 99));
});

function errorRate(inputs: tf.Tensor): number {
  return tf.tidy(() => 1 - tf.mean(tf.cast(tf.equal(tf.argMax(logits(inputs), 1), labels), 'float32')).dataSync()[0]);
}

function meanLoss(inputs: tf.Tensor): number {
  return tf.tidy(() => tf.mean(perExampleCrossEntropy(logits(inputs), labels)).dataSync()[0]);
}

function range(x: tf.Tensor): [number, number] {
  return tf.tidy(() => [tf.min(x).dataSync()[0], tf.max(x).dataSync()[0]]);
}

function maxSize(norm: 'linf' | 'l2', adversarial: tf.Tensor, clean: tf.Tensor): number {
  return tf.tidy(() => tf.max(perturbationSize(norm, adversarial, clean)).dataSync()[0]);
}

describe('PGD and FGSM on a small trained model', () => {
  it('keeps adversarial inputs in the eps-ball around the clean input and in [0, 1]', async () => {
    const cases: PgdOptions[] = [
      { norm: 'linf', eps, stepSize: eps / 4, steps: 10 },
      { norm: 'linf', eps, stepSize: eps / 4, steps: 5, restarts: 2, seed: 3 },
      { norm: 'l2', eps: 0.5, stepSize: 0.1, steps: 10 },
      { norm: 'l2', eps: 0.5, stepSize: 0.1, steps: 5, restarts: 2, seed: 4 },
    ];
    for (const options of cases) {
      const adversarial = await pgd(logits, images, labels, options);
      expect(maxSize(options.norm!, adversarial, images)).toBeLessThanOrEqual(options.eps! * (1 + 1e-5));
      const [lo, hi] = range(adversarial);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      // The attack used its budget: perturbations reach the boundary.
      expect(maxSize(options.norm!, adversarial, images)).toBeGreaterThan(options.eps! * 0.9);
      adversarial.dispose();
    }
    const fast = await fgsm(logits, images, labels, { eps });
    expect(maxSize('linf', fast, images)).toBeLessThanOrEqual(eps * (1 + 1e-5));
    fast.dispose();
  });

  it('raises the error: PGD >= FGSM >= clean', async () => {
    const clean = errorRate(images);
    const fast = await fgsm(logits, images, labels, { eps });
    const projected = await pgd(logits, images, labels, { eps, stepSize: eps / 4, steps: 20 });
    const fgsmError = errorRate(fast);
    const pgdError = errorRate(projected);
    expect(clean).toBeLessThan(0.2);
    expect(fgsmError).toBeGreaterThan(clean);
    expect(pgdError).toBeGreaterThanOrEqual(fgsmError);
    tf.dispose([fast, projected]);
  });

  it('never lowers the mean loss with more steps', async () => {
    const losses: number[] = [];
    for (const steps of [0, 1, 2, 5, 10, 20]) {
      const adversarial = await pgd(logits, images, labels, { eps, stepSize: eps / 4, steps, randomStart: false });
      losses.push(meanLoss(adversarial));
      adversarial.dispose();
    }
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeGreaterThanOrEqual(losses[i - 1]);
    expect(losses[losses.length - 1]).toBeGreaterThan(losses[0] * 1.5);
  });

  it('is FGSM exactly: one signed step of eps, clipped to [0, 1]', async () => {
    const fast = await fgsm(logits, images, labels, { eps });
    const manual = tf.tidy(() => tf.clipByValue(tf.add(images, tf.mul(tf.sign(inputGradient(logits, images, labels)), eps)), 0, 1));
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(fast, manual))).dataSync()[0])).toBe(0);
    tf.dispose([fast, manual]);
  });

  it('gives the same bytes for the same seed and keeps the worst case over restarts', async () => {
    const options: PgdOptions = { eps, stepSize: eps / 4, steps: 3, seed: 7 };
    const a = await pgd(logits, images, labels, options);
    const b = await pgd(logits, images, labels, options);
    const c = await pgd(logits, images, labels, { ...options, seed: 8 });
    expect(Buffer.from(a.dataSync().buffer).equals(Buffer.from(b.dataSync().buffer))).toBe(true);
    expect(Buffer.from(a.dataSync().buffer).equals(Buffer.from(c.dataSync().buffer))).toBe(false);
    // Restarts never do worse per example than their first run (the same seed stream).
    const reported: string[] = [];
    const restarted = await pgd(logits, images, labels, { ...options, restarts: 3 }, { onStep: (done, total) => reported.push(`${done}/${total}`) });
    expect(reported).toEqual(['1/9', '2/9', '3/9', '4/9', '5/9', '6/9', '7/9', '8/9', '9/9']);
    const [lossA, lossR, wrongA, wrongR] = tf.tidy(() => {
      const la = perExampleCrossEntropy(logits(a), labels);
      const lr = perExampleCrossEntropy(logits(restarted), labels);
      const wa = tf.notEqual(tf.argMax(logits(a), 1), labels);
      const wr = tf.notEqual(tf.argMax(logits(restarted), 1), labels);
      return [la.dataSync(), lr.dataSync(), wa.dataSync(), wr.dataSync()];
    });
    for (let i = 0; i < lossA.length; i++) {
      expect(wrongR[i]).toBeGreaterThanOrEqual(wrongA[i]);
      if (wrongR[i] === wrongA[i]) expect(lossR[i]).toBeGreaterThanOrEqual(lossA[i] - 1e-6);
    }
    tf.dispose([a, b, c, restarted]);
  });

  it("offers the reference's projection around the random start, which can reach 2 eps", async () => {
    const around = await pgd(logits, images, labels, { eps, stepSize: eps / 2, steps: 10, projectAround: 'random-start', seed: 1 });
    const size = maxSize('linf', around, images);
    expect(size).toBeGreaterThan(eps * 1.2);
    expect(size).toBeLessThanOrEqual(2 * eps * (1 + 1e-5));
    const [lo, hi] = range(around);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    around.dispose();
  });

  it('bounds every frame of a clip by the same eps', async () => {
    // Clips of 3 frames; the clip's logits are the mean of its frames' logits.
    const frames = 3;
    const clipLogits: LogitsFunction = (clips) => {
      const [n, t, h, w, c] = clips.shape;
      return tf.mean(tf.reshape(logits(tf.reshape(clips, [n * t, h, w, c])), [n, t, -1]), 1);
    };
    const clips = tf.tidy(() => tf.stack([images, tf.reverse(images, 2), tf.clipByValue(tf.add(images, 0.02), 0, 1)], 1));
    for (const [norm, bound] of [['linf', eps], ['l2', 0.3]] as const) {
      const adversarial = await pgd(clipLogits, clips, labels, { norm, eps: bound, stepSize: bound / 4, steps: 5 });
      expect(adversarial.shape).toEqual(clips.shape);
      const sizes = perturbationSize(norm, adversarial, clips);
      expect(sizes.shape).toEqual([images.shape[0], frames]);
      const perFrame = sizes.dataSync();
      expect(Math.max(...perFrame)).toBeLessThanOrEqual(bound * (1 + 1e-5));
      // Every frame is attacked, not just the clip as a whole.
      expect(Math.min(...perFrame)).toBeGreaterThan(bound * 0.5);
      const [lo, hi] = range(adversarial);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      tf.dispose([adversarial, sizes]);
    }
    clips.dispose();
  });

  it('leaves batch-norm moving statistics untouched', async () => {
    const bn = model.layers.find((layer) => layer.getClassName() === 'BatchNormalization')!;
    const before = bn.getWeights().map((w) => w.dataSync().slice());
    const adversarial = await pgd(logits, images, labels, { eps, stepSize: eps / 4, steps: 5, restarts: 2 });
    adversarial.dispose();
    const after = bn.getWeights().map((w) => w.dataSync());
    expect(after.length).toBe(4); // gamma, beta, moving mean, moving variance
    after.forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(before[i])));
    // Control: the same attack on a logits function that runs the model in training mode
    // does move them, so the check above can fail.
    const saved = model.getWeights().map((w) => w.clone());
    const training: LogitsFunction = (x) => model.apply(tf.sub(tf.mul(x, 2), 1), { training: true }) as tf.Tensor;
    (await pgd(training, images, labels, { eps, stepSize: eps / 4, steps: 1 })).dispose();
    expect(Array.from(bn.getWeights()[2].dataSync())).not.toEqual(Array.from(before[2]));
    model.setWeights(saved);
    tf.dispose(saved);
    expect(Array.from(bn.getWeights()[2].dataSync())).toEqual(Array.from(before[2]));
  });

  it('allocates nothing that outlives a batch', async () => {
    const batches = [0, 1, 2, 3].map((b) => ({ images: tf.slice(images, [b * 48, 0, 0, 0], [48, -1, -1, -1]), labels: tf.slice(labels, [b * 48], [48]) }));
    const counts: number[] = [];
    const start = tf.memory().numTensors;
    const result = await evaluateUnderAttack(logits, batches, { method: 'pgd', eps, stepSize: eps / 4, steps: 3, restarts: 2 }, () =>
      counts.push(tf.memory().numTensors),
    );
    expect(counts).toEqual([start, start, start, start]);
    expect(tf.memory().numTensors).toBe(start);
    expect(result.examples).toBe(192);
    expect(result.adversarialError).toBeGreaterThan(result.cleanError);
    const before = tf.memory().numTensors;
    (await fgsm(logits, images, labels, { eps })).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(batches.flatMap((b) => [b.images, b.labels]));
  });

  it('rejects bad inputs and options by name', async () => {
    await expect(pgd(logits, tf.mul(images, 2), labels)).rejects.toThrow(AttackArgumentError);
    await expect(pgd(logits, tf.mul(images, 2), labels)).rejects.toThrow(/images: values span .* attacks work on \[0, 1\] inputs/);
    await expect(pgd(logits, tf.zeros([2, 8, 8]), [0, 1])).rejects.toThrow(/images: must be NHWC images \(rank 4\) or NDHWC clips/);
    await expect(pgd(logits, images, [0, 1])).rejects.toThrow(/labels: has 2 labels for 192 inputs/);
    await expect(pgd(logits, images, labels, { eps: -1 })).rejects.toThrow(/eps: must be a finite number >= 0/);
    await expect(pgd(logits, images, labels, { steps: 1.5 })).rejects.toThrow(/steps: must be an integer >= 0/);
    await expect(pgd(logits, images, labels, { restarts: 0 })).rejects.toThrow(/restarts: must be an integer >= 1/);
    await expect(pgd(logits, images, labels, { norm: 'l1' as 'l2' })).rejects.toThrow(/norm: must be 'linf' or 'l2'/);
  });
});
