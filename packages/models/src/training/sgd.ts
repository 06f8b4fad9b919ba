import * as tf from '@tensorflow/tfjs-core';
import { TrainConfigError } from '../errors';

export interface SgdOptions {
  /** Base learning rate (the schedule scales it per step). */
  lr: number;
  /** Default 0.9. */
  momentum?: number;
  /** Default 0. Must be 0 with Nesterov (as PyTorch requires). */
  dampening?: number;
  /** Default true (the reference recipe). */
  nesterov?: boolean;
  /** Coupled L2 weight decay, added to the gradient as PyTorch's SGD does. Default 5e-4. */
  weightDecay?: number;
}

/** A parameter the optimizer updates, under the name its gradient and momentum buffer are keyed by. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/**
 * SGD exactly as torch.optim.SGD (1.x/2.x) computes it, on an explicit list of variables:
 *
 *   d = g + weight_decay * p
 *   buf = d                                   (first step)
 *   buf = momentum * buf + (1 - dampening) * d (later steps)
 *   d = d + momentum * buf  (Nesterov)  or  d = buf
 *   p = p - lr * d
 *
 * Weight decay applies to every parameter handed in (the reference passes
 * net.parameters(), batch-norm and biases included). Momentum buffers are keyed by the
 * parameter's name, so `state()` / `setState()` move them in and out of checkpoints.
 */
export class SgdOptimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  readonly baseLr: number;
  private readonly params: Map<string, tf.Variable>;
  private readonly buffers = new Map<string, tf.Variable>();

  constructor(params: readonly NamedVariable[], options: SgdOptions) {
    this.baseLr = options.lr;
    this.momentum = options.momentum ?? 0.9;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? true;
    this.weightDecay = options.weightDecay ?? 5e-4;
    if (!(this.baseLr > 0)) throw new TrainConfigError('lr', `must be > 0, got ${this.baseLr}`);
    if (!(this.momentum >= 0)) throw new TrainConfigError('momentum', `must be >= 0, got ${this.momentum}`);
    if (!(this.weightDecay >= 0)) throw new TrainConfigError('weightDecay', `must be >= 0, got ${this.weightDecay}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new TrainConfigError('nesterov', 'Nesterov momentum needs momentum > 0 and dampening 0 (as in PyTorch)');
    }
    this.params = new Map();
    for (const { name, variable } of params) {
      if (this.params.has(name)) throw new TrainConfigError('params', `parameter '${name}' is listed twice`);
      this.params.set(name, variable);
    }
  }

  /** The parameter names, in the order they were handed in. */
  get names(): string[] {
    return [...this.params.keys()];
  }

  /**
   * One update with learning rate `lr` from gradients keyed by parameter name. Every listed
   * parameter needs a gradient; a gradient for anything not listed is an error.
   */
  step(grads: tf.NamedTensorMap, lr: number): void {
    for (const name of Object.keys(grads)) {
      if (!this.params.has(name)) throw new TrainConfigError('grads', `gradient for '${name}', which this optimizer does not update`);
    }
    for (const [name, param] of this.params) {
      const grad = grads[name];
      if (!grad) throw new TrainConfigError('grads', `no gradient for parameter '${name}'`);
      tf.tidy(() => {
        let d = this.weightDecay !== 0 ? tf.add(grad, tf.mul(param, this.weightDecay)) : grad;
        if (this.momentum !== 0) {
          const buffer = this.buffers.get(name);
          let next: tf.Tensor;
          if (!buffer) {
            next = tf.clone(d);
            this.buffers.set(name, tf.variable(next, false));
          } else {
            next = tf.add(tf.mul(buffer, this.momentum), this.dampening !== 0 ? tf.mul(d, 1 - this.dampening) : d);
            buffer.assign(next);
          }
          d = this.nesterov ? tf.add(d, tf.mul(next, this.momentum)) : next;
        }
        param.assign(tf.add(param, tf.mul(d, -lr)));
      });
    }
  }

  /** The momentum buffers that exist (a parameter has none before its first step), by parameter name. */
  state(): Map<string, tf.Tensor> {
    return new Map(this.buffers);
  }

  /** Replaces the momentum buffers (values are copied); names must be parameters of this optimizer. */
  setState(buffers: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, value] of buffers) {
      const param = this.params.get(name);
      if (!param) throw new TrainConfigError('optimizer state', `momentum buffer for '${name}', which this optimizer does not update`);
      if (!tf.util.arraysEqual(param.shape, value.shape)) {
        throw new TrainConfigError('optimizer state', `momentum buffer for '${name}' has shape ${JSON.stringify(value.shape)}, parameter has ${JSON.stringify(param.shape)}`);
      }
    }
    this.dispose();
    for (const [name, value] of buffers) this.buffers.set(name, tf.variable(value, false));
  }

  /** Frees the momentum buffers. */
  dispose(): void {
    for (const buffer of this.buffers.values()) buffer.dispose();
    this.buffers.clear();
  }
}
