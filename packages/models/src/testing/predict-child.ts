// A fresh process for the save/load test: loads a saved model (folder) or a checkpoint
// (file), runs it in inference mode on the input tensor file, writes the logits.
// Args: <model folder | checkpoint file> <input .safetensors> <output .safetensors>.
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vpixmix/tf-backend';
import { loadCheckpointModel } from '../checkpoint/checkpoint';
import { loadModel } from '../checkpoint/model-io';
import { readTensorFile, writeTensorFile } from '../checkpoint/tensor-file';

const [source, inputFile, outputFile] = process.argv.slice(3);

async function main(): Promise<void> {
  await initBackend('cpu');
  const model = fs.statSync(source).isDirectory() ? await loadModel(source) : await loadCheckpointModel(source);
  const input = readTensorFile(inputFile).tensors.get('x');
  if (!input) throw new Error(`${inputFile} has no tensor 'x'`);
  const logits = model.predict(tf.tensor(input.data, input.shape)) as tf.Tensor;
  writeTensorFile(outputFile, new Map([['logits', { shape: logits.shape, data: (await logits.data()) as Float32Array }]]), { model: model.name });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
