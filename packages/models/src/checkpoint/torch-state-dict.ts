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

/** What a non-strict load left out: keys the model has that the state_dict lacks, and the reverse. */
export interface TorchLoadReport {
  missing: string[];
  unexpected: string[];
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.join(', ')}]`;

/** A weight's shape in both layouts: "[64, 16, 3, 3] in PyTorch's (out, in, kh, kw) = [3, 3, 16, 64] in ours (kh, kw, in, out)". */
function bothLayouts(torchShape: readonly number[], isKernel: boolean): string {
  const perm = isKernel ? fromTorchPerm[torchShape.length] : undefined;
  if (!perm) return shapeText(torchShape);
  const names = torchShape.length === 2 ? ['out', 'in'] : torchShape.length === 4 ? ['out', 'in', 'kh', 'kw'] : ['out', 'in', 'kt', 'kh', 'kw'];
  const ours = perm.map((p) => torchShape[p]);
  return `${shapeText(torchShape)} in PyTorch's layout (${names.join(', ')}) = ${shapeText(ours)} in ours (${perm.map((p) => names[p]).join(', ')})`;
}

function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, 12).map((k) => `"${k}"`).join(', ');
  return `${shown}${keys.length > 12 ? `, ... (${keys.length} in all)` : ''}`;
}

/** BatchNorm's step counter: in every PyTorch state_dict, not a weight of ours. */
const isCounter = (key: string) => key.endsWith('.num_batches_tracked');

/**
 * Sets every weight of `model` (trainable and running statistics) from a PyTorch
 * state_dict, e.g. a reference PixMix checkpoint converted to safetensors. Like PyTorch's
 * `load_state_dict(strict=True)` by default: a key the model has that the state_dict lacks
 * (missing) or the reverse (unexpected) is an error listing them; BatchNorm's
 * `num_batches_tracked` may be there or not. With `strict: false` the matching keys load,
 * the rest is returned. A shape that does not fit is always an error, naming both layouts.
 * `source` names the origin in error messages.
 */
export function loadTorchStateDict(
  model: tfl.LayersModel,
  stateDict: ReadonlyMap<string, StoredTensor>,
  source = 'state_dict',
  options: { strict?: boolean } = {},
): TorchLoadReport {
  const strict = options.strict ?? true;
  const keys = model.weights.map((w) => torchKeyOf(w.originalName));
  const known = new Set(keys);
  const missing = keys.filter((k) => !stateDict.has(k));
  const unexpected = [...stateDict.keys()].filter((k) => !known.has(k) && !(isCounter(k) && known.has(k.replace(/num_batches_tracked$/, 'running_mean'))));
  if (strict && (missing.length > 0 || unexpected.length > 0)) {
    const parts = [
      ...(missing.length ? [`missing key(s) in the state_dict: ${keyList(missing)}`] : []),
      ...(unexpected.length ? [`unexpected key(s) in the state_dict: ${keyList(unexpected)}`] : []),
    ];
    throw new CheckpointError(
      source,
      `does not fit ${model.name} (${keys.length} tensors): ${parts.join('; ')}. Is it the architecture given with --model? ` +
        'Pass --no-strict (strict: false) to load the keys that match and leave the rest.',
    );
  }
  const values: (tf.Tensor | undefined)[] = [];
  try {
    model.weights.forEach((weight, i) => {
      const key = keys[i];
      const stored = stateDict.get(key);
      if (!stored) {
        values.push(undefined);
        return;
      }
      const isKernel = weight.originalName.endsWith('/kernel');
      const perm = isKernel ? fromTorchPerm[stored.shape.length] : undefined;
      const expectedTorch = isKernel && toTorchPerm[weight.shape.length] ? toTorchPerm[weight.shape.length].map((p) => weight.shape[p] as number) : (weight.shape as number[]);
      if (!tf.util.arraysEqual(stored.shape, expectedTorch)) {
        throw new CheckpointError(
          source,
          `'${key}' is ${bothLayouts(stored.shape, isKernel)}, but ${model.name}'s ${weight.originalName} needs ${bothLayouts(expectedTorch, isKernel)}`,
        );
      }
      values.push(
        tf.tidy(() => {
          const t = tf.tensor(stored.data, stored.shape, 'float32');
          return perm ? tf.transpose(t, perm) : t;
        }),
      );
    });
    model.weights.forEach((weight, i) => {
      const value = values[i];
      if (value) weight.write(value);
    });
  } finally {
    tf.dispose(values.filter((v): v is tf.Tensor => v !== undefined));
  }
  return { missing, unexpected };
}

/**
 * Every weight of `model` in PyTorch's names and layouts, plus each BatchNorm's
 * `num_batches_tracked` (int64, 0: we do not count batches; PyTorch uses the counter only when
 * a BatchNorm's momentum is None), so `load_state_dict(strict=True)` takes it as it is.
 */
export async function toTorchStateDict(model: tfl.LayersModel): Promise<Map<string, StoredTensor>> {
  const out = new Map<string, StoredTensor>();
  for (const weight of model.weights) {
    const perm = weight.originalName.endsWith('/kernel') ? toTorchPerm[weight.shape.length] : undefined;
    const value = tf.tidy(() => (perm ? tf.transpose(weight.read(), perm) : tf.clone(weight.read())));
    const key = torchKeyOf(weight.originalName);
    try {
      out.set(key, { shape: value.shape, data: new Float32Array(await value.data()) });
    } finally {
      value.dispose();
    }
    if (key.endsWith('.running_var')) out.set(key.replace(/running_var$/, 'num_batches_tracked'), { shape: [], data: new Float32Array([0]), dtype: 'I64' });
  }
  return out;
}
