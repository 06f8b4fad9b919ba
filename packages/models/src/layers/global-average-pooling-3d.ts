import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type LayerArgs, singleShape } from './layer-types';

/** Mean over depth, height and width of NDHWC input: [N, D, H, W, C] -> [N, C] (PyTorch's AdaptiveAvgPool3d(1) + flatten). */
export class GlobalAveragePooling3D extends tfl.layers.Layer {
  static className = 'VpixmixGlobalAveragePooling3D';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(inputShape);
    return [shape[0], shape[4]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.mean(x, [1, 2, 3]);
  }
}
tf.serialization.registerClass(GlobalAveragePooling3D);
