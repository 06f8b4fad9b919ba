import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../errors';
import { BatchNorm } from '../layers/batch-norm';
import { GlobalAveragePooling3D } from '../layers/global-average-pooling-3d';
import { type Padding3D, ZeroPadding3D } from '../layers/zero-padding-3d';
import { initializeWeights } from './init';
import { InputNormalization, type InputNormalizationArgs } from '../layers/input-normalization';

export interface ResNet3DConfig {
  /** Basic blocks per stage (r3d-18: [2, 2, 2, 2]). */
  blocks: [number, number, number, number];
  /** Channels per stage (r3d-18: [64, 128, 256, 512]); the stem has widths[0]. */
  widths: [number, number, number, number];
  numClasses: number;
  /** [frames, height, width, 3]; null sizes accept any (the pooling is global). */
  inputShape: [number | null, number | null, number | null, number];
  initSeed: number;
  /** A weightless first layer feeding the network (x - mean) / std instead of 2x - 1. */
  inputNormalization?: InputNormalizationArgs;
  name: string;
}

type SymbolicTensor = tfl.SymbolicTensor;
type Triple = [number, number, number];

function apply(layer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

/**
 * A bias-free 3D convolution with PyTorch's symmetric zero padding: explicit ZeroPadding3D
 * then 'valid', except where 'same' is already symmetric (stride 1, odd kernel).
 */
function conv3d(x: SymbolicTensor, filters: number, kernel: Triple, stride: Triple, pad: Triple, name: string): SymbolicTensor {
  const common = { filters, kernelSize: kernel, strides: stride, useBias: false, kernelInitializer: 'zeros' as const, name };
  const sameIsSymmetric = stride.every((s, i) => s === 1 && pad[i] === (kernel[i] - 1) / 2);
  if (sameIsSymmetric) return apply(tfl.layers.conv3d({ ...common, padding: 'same' }), x);
  let input = x;
  if (pad.some((p) => p > 0)) {
    const padding = pad.map((p) => [p, p]) as Padding3D;
    input = apply(new ZeroPadding3D({ padding, name: `${name}.pad` }), x);
  }
  return apply(tfl.layers.conv3d({ ...common, padding: 'valid' }), input);
}

function relu(x: SymbolicTensor, name: string): SymbolicTensor {
  return apply(tfl.layers.reLU({ name }), x);
}

function bn(x: SymbolicTensor, name: string): SymbolicTensor {
  return apply(new BatchNorm({ name }), x);
}

/**
 * torchvision's VideoResNet with Conv3DSimple basic blocks (r3d_18 with blocks [2,2,2,2]
 * and widths [64,128,256,512]): stem Conv3d 3x7x7 stride 1x2x2 padding 1x3x3 + BN + ReLU;
 * four stages of basic blocks (3x3x3 conv-BN-ReLU, 3x3x3 conv-BN, add, ReLU), stride 2 in
 * every dimension from stage two, 1x1x1 conv + BN shortcut where shape changes; global
 * average pooling; linear. Layer names follow torchvision's state_dict
 * (`stem.0`, `layer2.0.conv1.0`, `layer2.0.downsample.1`, `fc`, ...).
 */
export function buildResNet3D(config: ResNet3DConfig): tfl.LayersModel {
  const { blocks, widths, numClasses } = config;
  if (blocks.length !== 4 || blocks.some((b) => !Number.isInteger(b) || b < 1)) {
    throw new ModelConfigError('blocks', `needs four integers >= 1 (blocks per stage), got ${JSON.stringify(blocks)}`);
  }
  if (widths.length !== 4 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new ModelConfigError('widths', `needs four integers >= 1 (channels per stage), got ${JSON.stringify(widths)}`);
  }
  const input = tfl.input({ shape: config.inputShape, name: 'input' });
  const first = config.inputNormalization ? apply(new InputNormalization(config.inputNormalization), input) : input;
  let x = conv3d(first, widths[0], [3, 7, 7], [1, 2, 2], [1, 3, 3], 'stem.0');
  x = relu(bn(x, 'stem.1'), 'stem.2');
  let inPlanes = widths[0];
  for (let stage = 0; stage < 4; stage++) {
    const planes = widths[stage];
    for (let i = 0; i < blocks[stage]; i++) {
      const s = i === 0 && stage > 0 ? 2 : 1;
      const stride: Triple = [s, s, s];
      const prefix = `layer${stage + 1}.${i}`;
      let y = conv3d(x, planes, [3, 3, 3], stride, [1, 1, 1], `${prefix}.conv1.0`);
      y = relu(bn(y, `${prefix}.conv1.1`), `${prefix}.conv1.2`);
      y = conv3d(y, planes, [3, 3, 3], [1, 1, 1], [1, 1, 1], `${prefix}.conv2.0`);
      y = bn(y, `${prefix}.conv2.1`);
      let residual = x;
      if (s !== 1 || inPlanes !== planes) {
        residual = conv3d(x, planes, [1, 1, 1], stride, [0, 0, 0], `${prefix}.downsample.0`);
        residual = bn(residual, `${prefix}.downsample.1`);
      }
      x = relu(apply(tfl.layers.add({ name: `${prefix}.add` }), [y, residual]), `${prefix}.relu`);
      inPlanes = planes;
    }
  }
  x = apply(new GlobalAveragePooling3D({ name: 'avgpool' }), x);
  const logits = apply(tfl.layers.dense({ units: numClasses, kernelInitializer: 'zeros', biasInitializer: 'zeros', name: 'fc' }), x);
  const model = tfl.model({ inputs: input, outputs: logits, name: config.name });
  initializeWeights(model, config.initSeed, { kind: 'normal', std: 0.01 });
  return model;
}
