import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../errors';
import { BatchNorm } from '../layers/batch-norm';
import { SeededDropout } from '../layers/seeded-dropout';
import { initializeWeights } from './init';
import { InputNormalization, type InputNormalizationArgs } from '../layers/input-normalization';

export interface WideResNetConfig {
  depth: number;
  widen: number;
  numClasses: number;
  /** Dropout between a block's two convolutions (the reference recipe: 0.3). */
  dropRate: number;
  /** [height, width, 3]; null sizes accept any (the pooling is global). */
  inputShape: [number | null, number | null, number];
  initSeed: number;
  /** A weightless first layer feeding the network (x - mean) / std instead of 2x - 1. */
  inputNormalization?: InputNormalizationArgs;
  /** Model name (for logs and saved files). */
  name: string;
}

type SymbolicTensor = tfl.SymbolicTensor;

function apply(layer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

/**
 * A 3x3 convolution with PyTorch's symmetric padding of 1. 'same' pads symmetrically at
 * stride 1; at stride 2 tfjs's 'same' pads (0, 1) where PyTorch pads (1, 1), so stride 2
 * gets an explicit zero padding and a 'valid' convolution.
 */
function conv3x3(x: SymbolicTensor, filters: number, stride: number, name: string): SymbolicTensor {
  const common = { filters, kernelSize: 3, strides: stride, useBias: false, kernelInitializer: 'zeros' as const, name };
  if (stride === 1) return apply(tfl.layers.conv2d({ ...common, padding: 'same' }), x);
  const padded = apply(tfl.layers.zeroPadding2d({ padding: [[1, 1], [1, 1]], name: `${name}.pad` }), x);
  return apply(tfl.layers.conv2d({ ...common, padding: 'valid' }), padded);
}

function bnRelu(x: SymbolicTensor, bnName: string, reluName: string): SymbolicTensor {
  return apply(tfl.layers.reLU({ name: reluName }), apply(new BatchNorm({ name: bnName }), x));
}

/**
 * The reference PixMix CIFAR Wide ResNet (third_party/WideResNet_pytorch): pre-activation
 * basic blocks, channels 16 / 16k / 32k / 64k, (depth - 4) / 6 blocks per group, dropout
 * between the two convolutions, a 1x1 convolution on the pre-activated input as shortcut
 * where the channel count changes, final BN-ReLU, global average pooling, linear.
 * Layer names follow the reference's state_dict (`block2.layer.0.conv1`, `fc`, ...).
 */
export function buildWideResNet(config: WideResNetConfig): tfl.LayersModel {
  const { depth, widen, numClasses, dropRate } = config;
  if (!Number.isInteger(depth) || depth < 10 || (depth - 4) % 6 !== 0) {
    throw new ModelConfigError('depth', `a Wide ResNet needs depth 6n + 4 with n >= 1 (10, 16, 22, 28, 40, ...), got ${depth}`);
  }
  if (!Number.isInteger(widen) || widen < 1) throw new ModelConfigError('widen', `must be an integer >= 1, got ${widen}`);
  const perGroup = (depth - 4) / 6;
  const channels = [16, 16 * widen, 32 * widen, 64 * widen];

  const input = tfl.input({ shape: config.inputShape, name: 'input' });
  const first = config.inputNormalization ? apply(new InputNormalization(config.inputNormalization), input) : input;
  let x = apply(
    tfl.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: 'zeros', name: 'conv1' }),
    first,
  );
  for (let group = 0; group < 3; group++) {
    for (let i = 0; i < perGroup; i++) {
      const inChannels = i === 0 ? channels[group] : channels[group + 1];
      const outChannels = channels[group + 1];
      const stride = i === 0 && group > 0 ? 2 : 1;
      const prefix = `block${group + 1}.layer.${i}`;
      const activated = bnRelu(x, `${prefix}.bn1`, `${prefix}.relu1`);
      let y = conv3x3(activated, outChannels, stride, `${prefix}.conv1`);
      y = bnRelu(y, `${prefix}.bn2`, `${prefix}.relu2`);
      if (dropRate > 0) y = apply(new SeededDropout({ rate: dropRate, name: `${prefix}.dropout` }), y);
      y = conv3x3(y, outChannels, 1, `${prefix}.conv2`);
      const shortcut =
        inChannels === outChannels && stride === 1
          ? x
          : apply(
              tfl.layers.conv2d({
                filters: outChannels,
                kernelSize: 1,
                strides: stride,
                padding: 'valid',
                useBias: false,
                kernelInitializer: 'zeros',
                name: `${prefix}.conv_shortcut`,
              }),
              activated,
            );
      x = apply(tfl.layers.add({ name: `${prefix}.add` }), [shortcut, y]);
    }
  }
  x = bnRelu(x, 'bn1', 'relu');
  x = apply(tfl.layers.globalAveragePooling2d({ name: 'pool' }), x);
  const logits = apply(tfl.layers.dense({ units: numClasses, kernelInitializer: 'zeros', biasInitializer: 'zeros', name: 'fc' }), x);
  const model = tfl.model({ inputs: input, outputs: logits, name: config.name });
  initializeWeights(model, config.initSeed, { kind: 'torch-default' });
  return model;
}
