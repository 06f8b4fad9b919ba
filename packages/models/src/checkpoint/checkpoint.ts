import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CheckpointError } from '../errors';
import '../layers';
import type { SgdOptimizer } from '../training/sgd';
import { readTensorFile, type StoredTensor, writeTensorFile } from './tensor-file';

const FORMAT = 'vpixmix-checkpoint';
const VERSION = 1;

/** Where a run stands, as plain data; stored in the checkpoint's metadata. */
export interface TrainingPosition {
  /** Optimizer steps done over the whole run. */
  globalStep: number;
  /** The epoch the next step belongs to (0-based). */
  epoch: number;
  /** Batches of that epoch already done. */
  batchInEpoch: number;
  batchesPerEpoch: number;
  epochs: number;
  /** Running sums of the epoch in progress (so a resumed run logs the same curve). */
  epochTotals: { lossSum: number; correct: number; count: number };
  /** The caller's plain data (RNG states, data-order state), handed back on resume. */
  dataState: unknown;
  /** What the run was started with; a resume must match it. */
  runConfig: Record<string, unknown>;
}

export interface CheckpointContents {
  modelName: string;
  position: TrainingPosition;
  weights: Map<string, StoredTensor>;
  momentum: Map<string, StoredTensor>;
  /** The model topology (tfjs JSON), so a checkpoint alone can rebuild the model. */
  topology: object;
  savedAt: string;
}

async function stored(t: tf.Tensor): Promise<StoredTensor> {
  return { shape: t.shape.slice(), data: new Float32Array(await t.data()) };
}

/**
 * Writes a checkpoint file (safetensors format, written atomically): every model weight
 * (running statistics included) under `model/<name>`, every momentum buffer under
 * `momentum/<name>`, and the position, the caller's data state and the topology as JSON
 * metadata.
 */
export async function saveCheckpoint(file: string, model: tfl.LayersModel, optimizer: SgdOptimizer, position: TrainingPosition): Promise<void> {
  const tensors = new Map<string, StoredTensor>();
  for (const weight of model.weights) tensors.set(`model/${weight.originalName}`, await stored(weight.read()));
  for (const [name, buffer] of optimizer.state()) tensors.set(`momentum/${name}`, await stored(buffer));
  const meta = {
    format: FORMAT,
    version: VERSION,
    modelName: model.name,
    savedAt: new Date().toISOString(),
    position,
    topology: model.toJSON(null, false),
  };
  writeTensorFile(file, tensors, { vpixmix: JSON.stringify(meta) });
}

/** Reads a checkpoint file; throws CheckpointError if it is not one. */
export function readCheckpoint(file: string): CheckpointContents {
  if (!fs.existsSync(file)) throw new CheckpointError(file, 'no checkpoint here; start without --resume to train from scratch');
  const { tensors, metadata } = readTensorFile(file);
  let meta: { format?: string; version?: number; modelName: string; savedAt: string; position: TrainingPosition; topology: object };
  try {
    meta = JSON.parse(metadata['vpixmix'] ?? '{}');
  } catch {
    throw new CheckpointError(file, 'its metadata is not JSON');
  }
  if (meta.format !== FORMAT) throw new CheckpointError(file, `not a vpixmix checkpoint (format ${meta.format ?? 'missing'})`);
  if (meta.version !== VERSION) throw new CheckpointError(file, `checkpoint version ${meta.version}; this vpixmix reads version ${VERSION}`);
  const weights = new Map<string, StoredTensor>();
  const momentum = new Map<string, StoredTensor>();
  for (const [name, t] of tensors) {
    if (name.startsWith('model/')) weights.set(name.slice('model/'.length), t);
    else if (name.startsWith('momentum/')) momentum.set(name.slice('momentum/'.length), t);
  }
  return { modelName: meta.modelName, position: meta.position, weights, momentum, topology: meta.topology, savedAt: meta.savedAt };
}

/** Sets the model's weights from a checkpoint; every weight must be there with its shape. */
export function restoreWeights(file: string, model: tfl.LayersModel, weights: ReadonlyMap<string, StoredTensor>): void {
  const problems: string[] = [];
  for (const weight of model.weights) {
    const saved = weights.get(weight.originalName);
    if (!saved) problems.push(`missing ${weight.originalName}`);
    else if (!tf.util.arraysEqual(saved.shape, weight.shape as number[])) {
      problems.push(`${weight.originalName} is ${JSON.stringify(saved.shape)}, model has ${JSON.stringify(weight.shape)}`);
    }
  }
  if (weights.size !== model.weights.length) problems.push(`checkpoint has ${weights.size} weights, model ${model.name} has ${model.weights.length}`);
  if (problems.length > 0) {
    throw new CheckpointError(file, `does not fit model ${model.name}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
  }
  for (const weight of model.weights) {
    const saved = weights.get(weight.originalName) as StoredTensor;
    const value = tf.tensor(saved.data, saved.shape, 'float32');
    weight.write(value);
    value.dispose();
  }
}

/** Restores model weights and momentum buffers from a checkpoint; returns where the run stood. */
export function restoreCheckpoint(file: string, model: tfl.LayersModel, optimizer: SgdOptimizer): CheckpointContents {
  const contents = readCheckpoint(file);
  restoreWeights(file, model, contents.weights);
  const buffers = new Map<string, tf.Tensor>();
  try {
    for (const [name, t] of contents.momentum) buffers.set(name, tf.tensor(t.data, t.shape, 'float32'));
    optimizer.setState(buffers);
  } finally {
    tf.dispose([...buffers.values()]);
  }
  return contents;
}

/** Rebuilds the model a checkpoint was taken from (topology and weights), e.g. to evaluate it. */
export async function loadCheckpointModel(file: string): Promise<tfl.LayersModel> {
  const contents = readCheckpoint(file);
  const model = (await tfl.models.modelFromJSON({ modelTopology: contents.topology } as tf.io.ModelJSON)) as tfl.LayersModel;
  restoreWeights(file, model, contents.weights);
  return model;
}
