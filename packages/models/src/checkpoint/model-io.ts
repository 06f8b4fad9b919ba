import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CheckpointError } from '../errors';
import '../layers';
import { writeFileAtomic } from './atomic-write';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (!data) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data;
}

/**
 * Saves a model as a TensorFlow.js layers model — `dir/model.json` (topology and weight
 * manifest) and `dir/weights.bin` — with every weight, running statistics included. The
 * folder is replaced as a whole: written beside the target, then renamed into place.
 * Any tfjs program that imports @vpixmix/models (which registers the custom layers) can
 * load it with loadModel or tf.loadLayersModel.
 */
export async function saveModel(model: tfl.LayersModel, dir: string, metadata: Record<string, unknown> = {}): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new CheckpointError(dir, 'tfjs produced no model artifacts');
  const manifest = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
    userDefinedMetadata: { vpixmix: { modelName: model.name, ...metadata } },
  };
  const parent = path.dirname(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  fs.mkdirSync(staging);
  writeFileAtomic(path.join(staging, WEIGHTS_BIN), [new Uint8Array(joinWeightData(artifacts.weightData))]);
  writeFileAtomic(path.join(staging, MODEL_JSON), [Buffer.from(JSON.stringify(manifest))]);
  const previous = `${staging}.old`;
  const hadPrevious = fs.existsSync(dir);
  if (hadPrevious) fs.renameSync(dir, previous);
  fs.renameSync(staging, dir);
  if (hadPrevious) fs.rmSync(previous, { recursive: true, force: true });
}

/** Loads a model written by saveModel (or any tfjs layers model in one weights file). */
export async function loadModel(dir: string): Promise<tfl.LayersModel> {
  const jsonPath = path.join(dir, MODEL_JSON);
  if (!fs.existsSync(jsonPath)) throw new CheckpointError(dir, `no ${MODEL_JSON} here; pass the folder saveModel wrote`);
  let manifest: {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  try {
    manifest = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  } catch (error) {
    throw new CheckpointError(jsonPath, `not valid JSON (${(error as Error).message})`);
  }
  const weightSpecs = manifest.weightsManifest.flatMap((group) => group.weights);
  const buffers = manifest.weightsManifest.flatMap((group) =>
    group.paths.map((p) => {
      const bytes = fs.readFileSync(path.join(dir, p));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    }),
  );
  const weightData = tf.io.CompositeArrayBuffer.join(buffers);
  try {
    return await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs, weightData }));
  } catch (error) {
    throw new CheckpointError(dir, `tfjs could not rebuild the model (${(error as Error).message})`);
  }
}
