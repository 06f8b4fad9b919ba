import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type LayerArgs, singleShape } from './layer-types';

export interface InputNormalizationArgs extends LayerArgs {
  /** Per-channel mean and standard deviation of pixels in [0, 1] (torchvision's Normalize(mean, std)). */
  mean: [number, number, number];
  std: [number, number, number];
}

/**
 * Turns our model input, `2x - 1` for pixels x in [0, 1], into `(x - mean) / std` per channel,
 * the input torchvision's weights expect (e.g. r3d_18 on Kinetics-400). No weights: a
 * PyTorch state_dict maps onto the layers after it unchanged.
 */
export class InputNormalization extends tfl.layers.Layer {
  static className = 'VpixmixInputNormalization';
  readonly mean: [number, number, number];
  readonly std: [number, number, number];

  constructor(args: InputNormalizationArgs) {
    super(args);
    this.mean = [...args.mean];
    this.std = [...args.std];
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return singleShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const y = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const x = tf.div(tf.add(y, 1), 2);
      return tf.div(tf.sub(x, tf.tensor1d(this.mean)), tf.tensor1d(this.std));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.mean, std: this.std };
  }
}
tf.serialization.registerClass(InputNormalization);

/** torchvision's video classification weights (r3d_18 KINETICS400_V1): Normalize(mean, std) of these. */
export const KINETICS_NORMALIZATION = { mean: [0.43216, 0.394666, 0.37645], std: [0.22803, 0.22145, 0.216989] } as const;
/** torchvision's ImageNet weights. */
export const IMAGENET_NORMALIZATION = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;
