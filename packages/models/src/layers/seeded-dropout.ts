import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../errors';
import { deriveSeed } from '../seeds';
import { dropoutMask } from './dropout-mask';
import { type Kwargs, type LayerArgs, singleShape } from './layer-types';

export interface SeededDropoutArgs extends LayerArgs {
  /** Probability of zeroing an element, in [0, 1). */
  rate: number;
}

/** Thrown when a training-mode forward pass does not say which dropout masks to draw. */
export class DropoutSeedError extends Error {
  override name = 'DropoutSeedError';
}

/**
 * Dropout whose masks are a pure function of a seed handed in per forward pass
 * (`model.apply(x, { training: true, dropoutSeed })`) and the layer's name, so a resumed
 * run draws the same masks as the uninterrupted one. PyTorch semantics: keep with
 * probability 1 - rate and scale kept values by 1 / (1 - rate); identity outside training.
 */
export class SeededDropout extends tfl.layers.Layer {
  static className = 'VpixmixSeededDropout';
  readonly rate: number;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = args.rate;
    if (!(this.rate >= 0 && this.rate < 1)) throw new ModelConfigError('dropRate', `must lie in [0, 1), got ${this.rate}`);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return singleShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return tf.clone(x);
    const seed: unknown = kwargs['dropoutSeed'];
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new DropoutSeedError(
        `layer ${this.name}: a training-mode forward pass needs kwargs.dropoutSeed (a number), e.g. model.apply(x, { training: true, dropoutSeed: step })`,
      );
    }
    return tf.tidy(() => tf.mul(x, tf.tensor(dropoutMask(x.size, this.rate, deriveSeed(seed, this.name)), x.shape, 'float32')));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
tf.serialization.registerClass(SeededDropout);
