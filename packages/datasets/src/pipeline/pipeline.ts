import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { type Clip, type Image, Rng, type Seed } from '@vpixmix/augment-core';
import type { AnyDataset } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { type AugmentFn, type Augmenter, type Sample, inlineAugmenter } from './augmenter';
import { type HostBatch, type InputScale, writeSample, writeTargets } from './assemble';

export interface PipelineOptions {
  batchSize: number;
  /** Training seed: shuffling, augmentation and clip sampling all derive from it. */
  seed: Seed;
  /** Reshuffle every epoch (default true); false keeps dataset order (evaluation). */
  shuffle?: boolean;
  /** Drop a last, smaller batch (default false, as PyTorch's DataLoader). */
  dropRemainder?: boolean;
  /** Per-sample augmentation: an Augmenter (e.g. a worker pool) or a function run on this thread. */
  augment?: Augmenter | AugmentFn;
  /** Batches produced ahead of the consumer (default 4). */
  prefetch?: number;
  /** Clip reads in flight at once (decoding runs in ffmpeg processes; default 8). */
  readConcurrency?: number;
  /** Model input: 'signed' = 2x - 1 (default), 'unit' = x in [0, 1]. */
  scale?: InputScale;
  /** Label smoothing e: targets (1 - e) one-hot + e / C (default 0). */
  labelSmoothing?: number;
  /** Batch-level mixing (Mixup, CutMix): edits xs (scaled) and ys in place, drawing from `rng`. */
  mixBatch?: (batch: { xs: Float32Array; ys: Float32Array; shape: readonly number[]; numClasses: number }, rng: Rng) => void;
  /** Random temporal crops for clips (default: as `shuffle`); otherwise the centre clip. */
  randomClipSampling?: boolean;
  /** Start the next epoch's first batches while this epoch's last ones are consumed (default true). */
  crossEpoch?: boolean;
}

/** Where a consumer's time went, for `vpixmix bench pipeline`. */
export interface PipelineStats {
  batches: number;
  samples: number;
  /** Time the consumer spent waiting for batches, ms (start-up included). */
  waitMs: number;
  /** Of that, waiting for the very first batch (start-up: workers loading, the first reads), ms. */
  startupMs: number;
  /** Time from the first request to the last batch handed over, ms. */
  elapsedMs: number;
}

/** The tensors a batch becomes: what `model.fitDataset` and training loops take. */
export interface TensorBatch extends tf.TensorContainerObject {
  xs: tf.Tensor;
  ys: tf.Tensor2D;
}

function checkPositive(argument: string, value: number, integer = true): void {
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new DatasetArgumentError(argument, `must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}

/**
 * The training input pipeline: per-epoch seeded shuffling, batching, augmentation (in a
 * worker pool when given one), prefetch, tensors. Deterministic: sample i of epoch e is
 * augmented with `Rng.seeded(seed, 'augment', e, i)` and batches are assembled in order,
 * so the same seed gives the same batches whatever the worker timing.
 */
export class Pipeline<D extends AnyDataset = AnyDataset> {
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  readonly numClasses: number;
  /** Shape of one item: [H, W, 3] or [T, H, W, 3]. */
  readonly itemShape: readonly number[];
  readonly stats: PipelineStats = { batches: 0, samples: 0, waitMs: 0, startupMs: 0, elapsedMs: 0 };
  private readonly augmenter: Augmenter | undefined;
  private readonly itemLength: number;
  private readonly options: Required<Omit<PipelineOptions, 'augment' | 'mixBatch' | 'randomClipSampling'>> & PipelineOptions;
  private startedAt: number | undefined;
  /** Batches being produced, by `${epoch}/${batch}`: the lookahead, which runs on into the next epoch. */
  private readonly inFlight = new Map<string, Promise<HostBatch>>();
  private readonly orders = new Map<number, Int32Array>();

  constructor(
    readonly dataset: D,
    options: PipelineOptions,
  ) {
    checkPositive('batchSize', options.batchSize);
    const o = { shuffle: true, dropRemainder: false, prefetch: 4, readConcurrency: 8, scale: 'signed' as const, labelSmoothing: 0, crossEpoch: true, ...options };
    checkPositive('prefetch', o.prefetch);
    checkPositive('readConcurrency', o.readConcurrency);
    if (!(o.labelSmoothing >= 0 && o.labelSmoothing < 1)) throw new DatasetArgumentError('labelSmoothing', `must be in [0, 1), got ${o.labelSmoothing}`);
    if (o.scale !== 'signed' && o.scale !== 'unit') throw new DatasetArgumentError('scale', `must be 'signed' or 'unit', got '${o.scale}'`);
    if (dataset.length === 0) throw new DatasetArgumentError('dataset', `${dataset.name} is empty`);
    this.options = o;
    this.batchSize = o.batchSize;
    const full = Math.floor(dataset.length / o.batchSize);
    this.batchesPerEpoch = o.dropRemainder ? full : Math.ceil(dataset.length / o.batchSize);
    if (this.batchesPerEpoch === 0) {
      throw new DatasetArgumentError('batchSize', `${o.batchSize} with dropRemainder leaves no batch of ${dataset.name} (${dataset.length} items)`);
    }
    this.numClasses = dataset.numClasses;
    this.itemShape = dataset.kind === 'clip' ? [dataset.frames, dataset.height, dataset.width, 3] : [dataset.height, dataset.width, 3];
    this.itemLength = this.itemShape.reduce((a, b) => a * b, 1);
    this.augmenter = typeof o.augment === 'function' ? inlineAugmenter(o.augment) : o.augment;
  }

  /** The order items are visited in epoch `epoch`. */
  order(epoch: number): Int32Array {
    const n = this.dataset.length;
    if (!this.options.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    return Int32Array.from(Rng.seeded(this.options.seed, 'shuffle', epoch).permutation(n));
  }

  private async readItems(epoch: number, indices: Int32Array): Promise<{ samples: Sample[]; labels: Int32Array }> {
    const dataset = this.dataset;
    const labels = new Int32Array(indices.length);
    const samples: Sample[] = new Array(indices.length);
    if (dataset.kind === 'image') {
      indices.forEach((index, k) => {
        const { image, label } = dataset.item(index);
        samples[k] = image;
        labels[k] = label;
      });
      return { samples, labels };
    }
    const random = this.options.randomClipSampling ?? this.options.shuffle;
    let next = 0;
    const worker = async () => {
      while (next < indices.length) {
        const k = next++;
        const rng = random ? Rng.seeded(this.options.seed, 'read', epoch, indices[k]) : undefined;
        const { clip, label } = await dataset.item(indices[k], { rng });
        samples[k] = clip;
        labels[k] = label;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.readConcurrency, indices.length) }, worker));
    return { samples, labels };
  }

  /** Builds batch `batch` of epoch `epoch` (independent of every other batch). */
  async produceBatch(epoch: number, batch: number, order = this.order(epoch)): Promise<HostBatch> {
    const start = batch * this.batchSize;
    const indices = order.slice(start, Math.min(order.length, start + this.batchSize));
    const { samples, labels } = await this.readItems(epoch, indices);
    let outputs: Sample[] = samples;
    if (this.augmenter) {
      // Copies: an augmenter may transfer (detach) the buffers it is given.
      const copies = samples.map((s) => ({ ...s, data: s.data.slice() }) as Image | Clip);
      const streams = {
        samples: Array.from(indices, (index) => Rng.seeded(this.options.seed, 'augment', epoch, index).state()),
        batch: Rng.seeded(this.options.seed, 'augment-batch', epoch, batch).state(),
      };
      outputs = await this.augmenter.augment(copies, streams);
      if (outputs.length !== samples.length) {
        throw new DatasetArgumentError(`augmenter ${this.augmenter.name}`, `returned ${outputs.length} samples for ${samples.length}`);
      }
    }
    const n = indices.length;
    const xs = new Float32Array(n * this.itemLength);
    outputs.forEach((sample, k) => writeSample(xs, k, sample, this.itemLength, this.options.scale, `${this.dataset.name} item ${indices[k]}`));
    const ys = new Float32Array(n * this.numClasses);
    writeTargets(ys, labels, this.numClasses, this.options.labelSmoothing);
    const shape = [n, ...this.itemShape];
    this.options.mixBatch?.({ xs, ys, shape, numClasses: this.numClasses }, Rng.seeded(this.options.seed, 'mix', epoch, batch));
    return { xs, ys, labels, indices, shape, epoch, batch };
  }

  private orderOf(epoch: number): Int32Array {
    let order = this.orders.get(epoch);
    if (!order) {
      order = this.order(epoch);
      this.orders.set(epoch, order);
      for (const e of this.orders.keys()) if (e < epoch - 1) this.orders.delete(e);
    }
    return order;
  }

  /** Starts batch (epoch, batch) unless it is running already. */
  private launch(epoch: number, batch: number): void {
    const key = `${epoch}/${batch}`;
    if (this.inFlight.has(key)) return;
    const p = this.produceBatch(epoch, batch, this.orderOf(epoch));
    p.catch(() => undefined); // awaited when taken; keeps a not-yet-taken failure from being "unhandled"
    this.inFlight.set(key, p);
  }

  /** Keeps `prefetch` batches in flight after (epoch, batch), running on into the next epoch. */
  private lookahead(epoch: number, batch: number): void {
    let e = epoch;
    let b = batch;
    for (let k = 0; k < this.options.prefetch; k++) {
      if (b >= this.batchesPerEpoch) {
        if (!this.options.crossEpoch) return;
        e++;
        b = 0;
      }
      this.launch(e, b++);
    }
  }

  /**
   * The host batches of one epoch, in order. Up to `prefetch` batches are produced ahead of
   * the consumer, across the epoch boundary (the next epoch starts before this one ends).
   * Time spent waiting here is counted in `stats`.
   */
  async *hostBatches(epoch: number): AsyncGenerator<HostBatch> {
    this.startedAt ??= performance.now();
    // Lookahead made for an epoch other than this one is dropped (its work is simply lost).
    for (const key of [...this.inFlight.keys()]) if (!key.startsWith(`${epoch}/`)) this.inFlight.delete(key);
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      this.launch(epoch, b);
      this.lookahead(epoch, b + 1);
      const key = `${epoch}/${b}`;
      const asked = performance.now();
      const pending = this.inFlight.get(key) as Promise<HostBatch>;
      let batch: HostBatch;
      try {
        batch = await pending;
      } finally {
        this.inFlight.delete(key);
      }
      const waited = performance.now() - asked;
      if (this.stats.batches === 0) this.stats.startupMs = waited;
      this.stats.waitMs += waited;
      this.stats.batches++;
      this.stats.samples += batch.indices.length;
      this.stats.elapsedMs = performance.now() - this.startedAt;
      yield batch;
    }
  }

  /** Host batch -> tensors (call inside tf.tidy or dispose the result). */
  toTensors(batch: HostBatch): TensorBatch {
    return { xs: tf.tensor(batch.xs, batch.shape as number[], 'float32'), ys: tf.tensor2d(batch.ys, [batch.indices.length, this.numClasses]) };
  }

  /**
   * Epoch `epoch` as a tf.data.Dataset of `{ xs, ys }`. Tensors are made as the consumer
   * takes each batch, never ahead, so stopping early leaks nothing; dispose what you take.
   */
  epoch(epoch: number): tfd.Dataset<TensorBatch> {
    return this.tensorDataset(() => epoch);
  }

  /** A dataset whose every `iterator()` is the next epoch, from `startEpoch`: what `model.fitDataset` takes. */
  epochs(startEpoch = 0): tfd.Dataset<TensorBatch> {
    let epoch = startEpoch - 1;
    return this.tensorDataset(() => ++epoch);
  }

  private tensorDataset(nextEpoch: () => number): tfd.Dataset<TensorBatch> {
    const boxes = async function* (batches: AsyncGenerator<HostBatch>) {
      for await (const batch of batches) yield new BatchBox(batch);
    };
    const source = tfd.generator(() => boxes(this.hostBatches(nextEpoch())) as unknown as AsyncIterator<tf.TensorContainer>);
    return source.map((box) => this.toTensors((box as unknown as BatchBox).batch)) as tfd.Dataset<TensorBatch>;
  }

  /** Share of the consumer's time spent waiting on data, after start-up. */
  waitShare(): number {
    const steady = this.stats.elapsedMs - this.stats.startupMs;
    return steady > 0 ? (this.stats.waitMs - this.stats.startupMs) / steady : 0;
  }

  async close(): Promise<void> {
    await this.augmenter?.close?.();
  }
}

/**
 * Carries a host batch through tf.data, which walks every enumerable property of what it
 * passes (all 400k floats of a typed array) looking for tensors; a private field hides it.
 */
class BatchBox {
  readonly #batch: HostBatch;
  constructor(batch: HostBatch) {
    this.#batch = batch;
  }
  get batch(): HostBatch {
    return this.#batch;
  }
}

/** Shorthand for `new Pipeline(dataset, options)`. */
export function createPipeline<D extends AnyDataset>(dataset: D, options: PipelineOptions): Pipeline<D> {
  return new Pipeline(dataset, options);
}
