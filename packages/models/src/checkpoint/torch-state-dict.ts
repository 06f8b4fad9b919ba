import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CheckpointError } from '../errors';
import type { StoredTensor } from './tensor-file';

// Our layers carry the PyTorch module paths as names; only the parameter names and the
// kernel layouts differ (PyTorch: [out, in, ...kernel]; tfjs: [...kernel, in, out]).
const torchParamName: Record<string, string> = {
  kernel: 'weight',
  bias: 'bias',
  gamma: 'weight',
  beta: 'bias',
  running_mean: 'running_mean',
  running_var: 'running_var',
};

const fromTorchPerm: Record<number, number[]> = { 2: [1, 0], 4: [2, 3, 1, 0], 5: [2, 3, 4, 1, 0] };
const toTorchPerm: Record<number, number[]> = { 2: [1, 0], 4: [3, 2, 0, 1], 5: [4, 3, 0, 1, 2] };

/** The PyTorch state_dict key of one of our weights ('block1.layer.0.conv1/kernel' -> 'block1.layer.0.conv1.weight'). */
export function torchKeyOf(weightName: string): string {
  const slash = weightName.lastIndexOf('/');
  const param = weightName.slice(slash + 1);
  const mapped = torchParamName[param];
  if (!mapped) throw new CheckpointError(weightName, `no PyTorch counterpart for weight '${param}'`);
  return `${weightName.slice(0, slash)}.${mapped}`;
}

/**
 * Sets every weight of `model` (trainable and running statistics) from a PyTorch
 * state_dict, e.g. a reference PixMix checkpoint converted to safetensors.
 * `source` names the origin in error messages.
 */
export function loadTorchStateDict(model: tfl.LayersModel, stateDict: ReadonlyMap<string, StoredTensor>, source = 'state_dict'): void {
  const values: tf.Tensor[] = [];
  try {
    for (const weight of model.weights) {
      const key = torchKeyOf(weight.originalName);
      const stored = stateDict.get(key);
      if (!stored) throw new CheckpointError(source, `has no '${key}' for weight ${weight.originalName} of ${model.name}`);
      const perm = weight.originalName.endsWith('/kernel') ? fromTorchPerm[stored.shape.length] : undefined;
      const value = tf.tidy(() => {
        const t = tf.tensor(stored.data, stored.shape, 'float32');
        return perm ? tf.transpose(t, perm) : t;
      });
      values.push(value);
      if (!tf.util.arraysEqual(value.shape, weight.shape as number[])) {
        throw new CheckpointError(source, `'${key}' has shape ${JSON.stringify(stored.shape)}, which does not fit ${weight.originalName} ${JSON.stringify(weight.shape)}`);
      }
    }
    model.weights.forEach((weight, i) => weight.write(values[i]));
  } finally {
    tf.dispose(values);
  }
}

/** Every weight of `model` in PyTorch's names and layouts (a state_dict without num_batches_tracked). */
export async function toTorchStateDict(model: tfl.LayersModel): Promise<Map<string, StoredTensor>> {
  const out = new Map<string, StoredTensor>();
  for (const weight of model.weights) {
    const perm = weight.originalName.endsWith('/kernel') ? toTorchPerm[weight.shape.length] : undefined;
    const value = tf.tidy(() => (perm ? tf.transpose(weight.read(), perm) : tf.clone(weight.read())));
    try {
      out.set(torchKeyOf(weight.originalName), { shape: value.shape, data: new Float32Array(await value.data()) });
    } finally {
      value.dispose();
    }
  }
  return out;
}
