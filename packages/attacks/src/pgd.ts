import * as tf from '@tensorflow/tfjs-core';
import { ascentStep, projectToBall, randomPerturbation } from './ball';
import { AttackArgumentError } from './errors';
import { inputGradient, labelTensor, perExampleCrossEntropy, type Labels, type LogitsFunction } from './loss';
import { resolvePgdOptions, streamSeed, type AttackNorm, type PgdOptions, type ResolvedPgdOptions } from './options';

async function checkInputs(images: tf.Tensor, labels: tf.Tensor1D): Promise<void> {
  if (images.rank !== 4 && images.rank !== 5) {
    throw new AttackArgumentError('images', `must be NHWC images (rank 4) or NDHWC clips (rank 5); got rank ${images.rank}.`);
  }
  if (labels.shape[0] !== images.shape[0]) {
    throw new AttackArgumentError('labels', `has ${labels.shape[0]} labels for ${images.shape[0]} inputs; give one per input.`);
  }
  const range = tf.tidy(() => tf.stack([tf.min(images), tf.max(images)]));
  let lo: number;
  let hi: number;
  try {
    [lo, hi] = await range.data(); // asynchronous: WebGPU in Node has no synchronous read
  } finally {
    range.dispose();
  }
  if (!(lo >= 0 && hi <= 1)) {
    throw new AttackArgumentError(
      'images',
      `values span [${lo}, ${hi}]; attacks work on [0, 1] inputs (the logits function applies the model's normalisation, e.g. 2x - 1).`,
    );
  }
}

/** Callbacks for long attacks (progress lines). */
export interface PgdHooks {
  /** After each step: `done` steps of `total` (steps x restarts). */
  onStep?: (done: number, total: number) => void;
}

/** One PGD run from one start; returns the adversarial inputs (the caller disposes them). */
function runOnce(
  logitsFn: LogitsFunction,
  clean: tf.Tensor,
  labels: tf.Tensor1D,
  o: ResolvedPgdOptions,
  seed: number,
  afterStep: () => void,
): tf.Tensor {
  const [start, centre] = tf.tidy(() => {
    if (!o.randomStart || o.eps === 0) return [tf.clone(clean), tf.clone(clean)];
    const noisy = tf.add(clean, randomPerturbation(o.norm, clean.shape, o.eps, seed));
    // The reference starts from the unclipped noisy input and centres its ball there.
    if (o.projectAround === 'random-start') return [noisy, tf.clone(noisy)];
    return [tf.clipByValue(noisy, 0, 1), tf.clone(clean)];
  });
  let adversarial = start;
  for (let step = 0; step < o.steps; step++) {
    const next = tf.tidy(() => {
      const gradient = inputGradient(logitsFn, adversarial, labels);
      const moved = tf.add(adversarial, ascentStep(o.norm, gradient, o.stepSize));
      return tf.clipByValue(projectToBall(o.norm, moved, centre, o.eps), 0, 1);
    });
    adversarial.dispose();
    adversarial = next;
    afterStep();
  }
  centre.dispose();
  if (o.steps === 0 && o.projectAround === 'random-start') {
    const clipped = tf.clipByValue(adversarial, 0, 1);
    adversarial.dispose();
    adversarial = clipped;
  }
  return adversarial;
}

/** Per example: misclassified (1/0) and loss at `inputs`. */
function outcome(logitsFn: LogitsFunction, inputs: tf.Tensor, labels: tf.Tensor1D): { wrong: tf.Tensor1D; loss: tf.Tensor1D } {
  return tf.tidy(() => {
    const logits = logitsFn(inputs);
    const wrong = tf.cast(tf.notEqual(tf.argMax(logits, 1), labels), 'float32') as tf.Tensor1D;
    return { wrong, loss: perExampleCrossEntropy(logits, labels) };
  });
}

/**
 * Projected gradient descent (Madry et al. 2018) on the cross-entropy, L-inf or L2.
 *
 * `images` are in [0, 1]: NHWC images or NDHWC clips (for clips the eps bounds every frame).
 * `logitsFn` maps such inputs to logits, normalising them for the model and running it in
 * inference mode (see `inferenceLogits`). Each step moves by `stepSize` along the ascent
 * direction, projects onto the eps-ball (around the clean input by default) and clips to
 * [0, 1]. With several restarts, per example the worst case is kept: an adversarial input
 * that is misclassified beats one that is not, then the higher loss wins.
 *
 * Resolves to a new tensor of the adversarial inputs; the caller disposes it. Nothing else
 * is left allocated. Asynchronous because it reads the input range back from the device.
 */
export async function pgd(
  logitsFn: LogitsFunction,
  images: tf.Tensor,
  labels: Labels,
  options: PgdOptions = {},
  hooks: PgdHooks = {},
): Promise<tf.Tensor> {
  const o = resolvePgdOptions(options);
  const y = labelTensor(labels);
  let done = 0;
  const afterStep = () => hooks.onStep?.(++done, o.steps * o.restarts);
  try {
    await checkInputs(images, y);
    let best = runOnce(logitsFn, images, y, o, streamSeed(o.seed, 0), afterStep);
    if (o.restarts === 1) return best;
    let bestOutcome = outcome(logitsFn, best, y);
    for (let restart = 1; restart < o.restarts; restart++) {
      const candidate = runOnce(logitsFn, images, y, o, streamSeed(o.seed, restart), afterStep);
      const candidateOutcome = outcome(logitsFn, candidate, y);
      const merged = tf.tidy(() => {
        const worse = tf.logicalOr(
          tf.greater(candidateOutcome.wrong, bestOutcome.wrong),
          tf.logicalAnd(tf.equal(candidateOutcome.wrong, bestOutcome.wrong), tf.greater(candidateOutcome.loss, bestOutcome.loss)),
        );
        const perInput = tf.reshape(worse, [worse.shape[0], ...new Array<number>(images.rank - 1).fill(1)]);
        return {
          inputs: tf.where(tf.broadcastTo(perInput, images.shape), candidate, best),
          wrong: tf.where(worse, candidateOutcome.wrong, bestOutcome.wrong) as tf.Tensor1D,
          loss: tf.where(worse, candidateOutcome.loss, bestOutcome.loss) as tf.Tensor1D,
        };
      });
      tf.dispose([best, candidate, bestOutcome.wrong, bestOutcome.loss, candidateOutcome.wrong, candidateOutcome.loss]);
      best = merged.inputs;
      bestOutcome = { wrong: merged.wrong, loss: merged.loss };
    }
    tf.dispose([bestOutcome.wrong, bestOutcome.loss]);
    return best;
  } finally {
    y.dispose();
  }
}

export interface FgsmOptions {
  norm?: AttackNorm;
  /** The single step's length and the ball's radius; default 2/255. */
  eps?: number;
}

/** The fast gradient (sign) method: one step of length eps from the clean input, clipped to [0, 1]. */
export async function fgsm(logitsFn: LogitsFunction, images: tf.Tensor, labels: Labels, options: FgsmOptions = {}): Promise<tf.Tensor> {
  const eps = options.eps ?? 2 / 255;
  return pgd(logitsFn, images, labels, { norm: options.norm ?? 'linf', eps, stepSize: eps, steps: 1, randomStart: false, restarts: 1 });
}
