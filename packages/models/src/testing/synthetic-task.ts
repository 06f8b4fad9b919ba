import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed } from '../seeds';
import type { TrainData } from '../training/train';
import type { Batch } from '../training/train-step';

/**
 * A small learnable image task for tests (models may not import the datasets package):
 * four classes of size x size RGB pictures — horizontal stripes, vertical stripes, a bright
 * centre square, a dark centre square — at a random phase/colour with Gaussian noise, in
 * the model's [-1, 1] input range. Example i of split `split` is a pure function of (seed, split, i).
 */
export function syntheticImages(count: number, size: number, seed: number, split: string): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const pixels = new Float32Array(count * size * size * 3);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const h = deriveSeed(seed, split, i);
    const label = h % 4;
    labels[i] = label;
    const phase = (h >>> 2) % 4;
    const tint = [((h >>> 4) % 5) / 10, ((h >>> 7) % 5) / 10, ((h >>> 10) % 5) / 10];
    const noise = tf.tidy(() => tf.randomNormal([size * size * 3], 0, 0.35, 'float32', deriveSeed(h, 'noise')).dataSync());
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        let v: number;
        const centre = Math.abs(r - size / 2 + 0.5) < size / 4 && Math.abs(c - size / 2 + 0.5) < size / 4;
        if (label === 0) v = (r + phase) % 4 < 2 ? 1 : 0;
        else if (label === 1) v = (c + phase) % 4 < 2 ? 1 : 0;
        else if (label === 2) v = centre ? 1 : 0.3;
        else v = centre ? 0 : 0.7;
        for (let ch = 0; ch < 3; ch++) {
          const k = ((i * size + r) * size + c) * 3 + ch;
          pixels[k] = 2 * (0.7 * v + 0.3 * tint[ch]) - 1 + noise[(r * size + c) * 3 + ch];
        }
      }
    }
  }
  return { x: tf.tensor4d(pixels, [count, size, size, 3]), y: tf.tensor1d(labels, 'int32') };
}

/**
 * Batches of a fixed in-memory set, reshuffled each epoch by a permutation that depends on
 * (seed, epoch). Its state() is plain data — how many batches were consumed and the
 * shuffle seed — to exercise the checkpoint's data-state round trip; restore() checks that
 * the trainer resumes where that state says.
 */
export class InMemoryTrainData implements TrainData {
  readonly batchesPerEpoch: number;
  private consumed = 0;

  constructor(
    private readonly x: tf.Tensor,
    private readonly y: tf.Tensor,
    private readonly batchSize: number,
    private readonly seed: number,
    private readonly beforeBatch?: (index: number) => void,
  ) {
    this.batchesPerEpoch = Math.floor(x.shape[0] / batchSize);
  }

  private order(epoch: number): number[] {
    const n = this.x.shape[0];
    const keys = Array.from({ length: n }, (_, i) => deriveSeed(this.seed, epoch, i));
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  }

  *batches(epoch: number, from: number): Iterable<Batch> {
    const expected = epoch * this.batchesPerEpoch + from;
    if (this.consumed !== expected) throw new Error(`data state says ${this.consumed} batches consumed, the trainer asks for ${expected}`);
    const order = this.order(epoch);
    for (let b = from; b < this.batchesPerEpoch; b++) {
      this.beforeBatch?.(this.consumed);
      const idx = tf.tensor1d(order.slice(b * this.batchSize, (b + 1) * this.batchSize), 'int32');
      const batch = { x: tf.gather(this.x, idx), y: tf.gather(this.y, idx) };
      idx.dispose();
      this.consumed++;
      yield batch;
    }
  }

  state(): unknown {
    return { consumed: this.consumed, seed: this.seed };
  }

  restore(state: unknown): void {
    const s = state as { consumed: number; seed: number };
    if (s.seed !== this.seed) throw new Error(`data state is for seed ${s.seed}, this source has ${this.seed}`);
    this.consumed = s.consumed;
  }

  dispose(): void {
    tf.dispose([this.x, this.y]);
  }
}
