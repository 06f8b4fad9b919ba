import type * as tfl from '@tensorflow/tfjs-layers';
import { createModel } from '../registry';
import { type TrainOptions, type TrainResult, train } from '../training/train';
import { InMemoryTrainData, syntheticImages } from './synthetic-task';

/** The small run the kill-and-resume test makes: wrn-10-1 with dropout on 4x4 pictures, 2 epochs of 4 batches. */
export const resumeRun = { epochs: 2, batchSize: 8, images: 32, size: 4, checkpointEvery: 3 };

/**
 * Trains the fixture. `beforeBatch` runs before each batch is handed out, with its index
 * over the run (the child uses it to stop dead at a chosen point, to be killed there).
 */
export async function runResumeFixture(
  options: Pick<TrainOptions, 'checkpoint' | 'resume' | 'progress' | 'signal'>,
  beforeBatch?: (index: number) => void,
): Promise<{ model: tfl.LayersModel; result: TrainResult }> {
  const { x, y } = syntheticImages(resumeRun.images, resumeRun.size, 5, 'train');
  const data = new InMemoryTrainData(x, y, resumeRun.batchSize, 9, beforeBatch);
  const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [resumeRun.size, resumeRun.size, 3], dropRate: 0.3, initSeed: 4 });
  try {
    const result = await train(model, data, {
      epochs: resumeRun.epochs,
      optimizer: { lr: 0.05 },
      seed: 21,
      ...options,
    });
    return { model, result };
  } finally {
    data.dispose();
  }
}

/** Every weight's bytes, by name. */
export function weightBytes(model: tfl.LayersModel): Map<string, Buffer> {
  return new Map(model.weights.map((w) => [w.originalName, Buffer.from(new Float32Array(w.read().dataSync()).buffer)]));
}
