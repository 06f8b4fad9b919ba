import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../errors';
import { type LayerArgs, singleShape } from './layer-types';

/** [[before, after] per depth, height, width]. */
export type Padding3D = [[number, number], [number, number], [number, number]];

export interface ZeroPadding3DArgs extends LayerArgs {
  padding: Padding3D;
}

/**
 * Zero padding of the depth, height and width axes of NDHWC input (tfjs-layers has only
 * the 2D one). With a 'valid' convolution after it, it gives PyTorch's symmetric padding,
 * which tfjs's 'same' does not reproduce for stride 2.
 */
export class ZeroPadding3D extends tfl.layers.Layer {
  static className = 'VpixmixZeroPadding3D';
  readonly padding: Padding3D;

  constructor(args: ZeroPadding3DArgs) {
    super(args);
    this.padding = args.padding.map((pair) => [pair[0], pair[1]]) as Padding3D;
    if (this.padding.length !== 3 || this.padding.flat().some((p) => !Number.isInteger(p) || p < 0)) {
      throw new ModelConfigError('padding', `needs three [before, after] pairs of integers >= 0, got ${JSON.stringify(args.padding)}`);
    }
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(inputShape);
    return shape.map((size, axis) => {
      if (axis === 0 || axis === 4 || size == null) return size;
      const [before, after] = this.padding[axis - 1];
      return size + before + after;
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.pad(x, [[0, 0], ...this.padding, [0, 0]]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padding: this.padding };
  }
}
tf.serialization.registerClass(ZeroPadding3D);
