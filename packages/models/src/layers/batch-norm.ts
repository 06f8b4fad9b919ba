import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../errors';
import { type Kwargs, type LayerArgs, singleShape } from './layer-types';

export interface BatchNormArgs extends LayerArgs {
  /** PyTorch's convention: running = (1 - momentum) * running + momentum * batch. Default 0.1. */
  momentum?: number;
  /** Added to the variance. Default 1e-5 (PyTorch's). */
  epsilon?: number;
}

/**
 * Batch normalisation over the last (channel) axis of input of any rank — NHWC images and
 * NDHWC clips alike — with PyTorch's semantics: biased batch variance to normalise,
 * unbiased batch variance into the running estimate, momentum 0.1 on the new value,
 * epsilon 1e-5. tfjs-layers' own BatchNormalization feeds the biased variance into its
 * running estimate and handles only rank <= 4, so it cannot reproduce a PyTorch model.
 *
 * Training mode (`kwargs.training === true`) normalises with batch statistics and updates the
 * running estimates; otherwise the running estimates are used. The backward pass is the
 * closed-form batch-norm gradient (two channel reductions and a few element-wise ops).
 */
export class BatchNorm extends tfl.layers.Layer {
  static className = 'VpixmixBatchNorm';
  readonly momentum: number;
  readonly epsilon: number;
  private gamma!: tfl.LayerVariable;
  private beta!: tfl.LayerVariable;
  private runningMean!: tfl.LayerVariable;
  private runningVar!: tfl.LayerVariable;

  constructor(args: BatchNormArgs = {}) {
    super(args);
    this.momentum = args.momentum ?? 0.1;
    this.epsilon = args.epsilon ?? 1e-5;
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new ModelConfigError('momentum', `batch-norm momentum must lie in [0, 1], got ${this.momentum}`);
    }
    if (!(this.epsilon > 0)) throw new ModelConfigError('epsilon', `batch-norm epsilon must be > 0, got ${this.epsilon}`);
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = singleShape(inputShape);
    const channels = shape[shape.length - 1];
    if (channels == null) throw new ModelConfigError(this.name, 'batch norm needs a known channel count (last axis)');
    const ones = tfl.initializers.ones();
    const zeros = tfl.initializers.zeros();
    this.gamma = this.addWeight('gamma', [channels], 'float32', ones, undefined, true);
    this.beta = this.addWeight('beta', [channels], 'float32', zeros, undefined, true);
    this.runningMean = this.addWeight('running_mean', [channels], 'float32', zeros, undefined, false);
    this.runningVar = this.addWeight('running_var', [channels], 'float32', ones, undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return singleShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return kwargs['training'] === true ? this.normalizeTraining(x) : this.normalizeInference(x);
    });
  }

  private normalizeInference(x: tf.Tensor): tf.Tensor {
    const scale = tf.mul(this.gamma.read(), tf.rsqrt(tf.add(this.runningVar.read(), this.epsilon)));
    const shift = tf.sub(this.beta.read(), tf.mul(this.runningMean.read(), scale));
    return tf.add(tf.mul(x, scale), shift);
  }

  private normalizeTraining(x: tf.Tensor): tf.Tensor {
    const channels = x.shape[x.rank - 1];
    const rows = x.size / channels;
    if (rows < 2) {
      throw new ModelConfigError(this.name, `training-mode batch norm needs more than one value per channel, got input ${JSON.stringify(x.shape)}`);
    }
    const epsilon = this.epsilon;
    const stats: { mean?: tf.Tensor; variance?: tf.Tensor } = {};
    const normalize = tf.customGrad((input, gamma, beta, save) => {
      const flat = input as tf.Tensor2D;
      const mean = tf.mean(flat, 0);
      const centered = tf.sub(flat, mean);
      const variance = tf.mean(tf.square(centered), 0);
      const invStd = tf.rsqrt(tf.add(variance, epsilon));
      const normalized = tf.mul(centered, invStd);
      (save as tf.GradSaveFunc)([normalized, invStd, gamma as tf.Tensor]);
      // The forward runs inside the engine's own tidy: keep the statistics for the running update.
      stats.mean = tf.keep(mean);
      stats.variance = tf.keep(variance);
      return {
        value: tf.add(tf.mul(normalized, gamma as tf.Tensor), beta as tf.Tensor),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xHat, inv, g] = saved;
          const dBeta = tf.sum(dy, 0);
          const dGamma = tf.sum(tf.mul(dy, xHat), 0);
          const inner = tf.sub(tf.sub(dy, tf.div(dBeta, rows)), tf.mul(xHat, tf.div(dGamma, rows)));
          return [tf.mul(inner, tf.mul(g, inv)), dGamma, dBeta];
        },
      };
    });
    const flat = tf.reshape(x, [rows, channels]);
    const y = tf.reshape(normalize(flat, this.gamma.read(), this.beta.read()), x.shape);
    const { mean, variance } = stats as { mean: tf.Tensor; variance: tf.Tensor };
    const m = this.momentum;
    this.runningMean.write(tf.add(tf.mul(this.runningMean.read(), 1 - m), tf.mul(mean, m)));
    this.runningVar.write(tf.add(tf.mul(this.runningVar.read(), 1 - m), tf.mul(variance, (m * rows) / (rows - 1))));
    tf.dispose([mean, variance]);
    return y;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(BatchNorm);
