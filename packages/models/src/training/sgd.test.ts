import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainConfigError } from '../errors';
import { learningRateAt } from './schedule';
import { SgdOptimizer } from './sgd';

beforeAll(async () => {
  await initBackend('cpu');
});

/** torch.optim.SGD's update rule, written out in float64 for one scalar parameter. */
function torchSgd(p: number, grads: number[], lrs: number[], o: { momentum: number; dampening: number; nesterov: boolean; wd: number }): number {
  let buf: number | undefined;
  grads.forEach((g, t) => {
    let d = g + o.wd * p;
    if (o.momentum !== 0) {
      buf = buf === undefined ? d : o.momentum * buf + (1 - o.dampening) * d;
      d = o.nesterov ? d + o.momentum * buf : buf;
    }
    p -= lrs[t] * d;
  });
  return p;
}

describe('SgdOptimizer', () => {
  const grads = [0.5, -1.25, 2, 0.75];
  const lrs = [0.1, 0.08, 0.05, 0.01];

  for (const o of [
    { momentum: 0.9, dampening: 0, nesterov: true, wd: 5e-4 },
    { momentum: 0.9, dampening: 0.1, nesterov: false, wd: 1e-2 },
    { momentum: 0, dampening: 0, nesterov: false, wd: 0 },
  ]) {
    it(`follows torch.optim.SGD step by step (${JSON.stringify(o)})`, () => {
      const v = tf.variable(tf.tensor1d([1.5]));
      const opt = new SgdOptimizer([{ name: 'w', variable: v }], {
        lr: 0.1,
        momentum: o.momentum,
        dampening: o.dampening,
        nesterov: o.nesterov,
        weightDecay: o.wd,
      });
      grads.forEach((g, t) => tf.tidy(() => opt.step({ w: tf.tensor1d([g]) }, lrs[t])));
      expect(v.dataSync()[0]).toBeCloseTo(torchSgd(1.5, grads, lrs, o), 6);
      expect(opt.state().size).toBe(o.momentum === 0 ? 0 : 1);
    });
  }

  it('moves momentum buffers in and out of state exactly', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([1, 2]));
    const optA = new SgdOptimizer([{ name: 'w', variable: a }], { lr: 0.1 });
    const optB = new SgdOptimizer([{ name: 'w', variable: b }], { lr: 0.1 });
    tf.tidy(() => optA.step({ w: tf.tensor1d([0.3, -0.2]) }, 0.1));
    tf.tidy(() => optB.step({ w: tf.tensor1d([0.3, -0.2]) }, 0.1));
    const saved = new Map([...optA.state()].map(([k, t]) => [k, tf.clone(t)]));
    const fresh = new SgdOptimizer([{ name: 'w', variable: b }], { lr: 0.1 });
    fresh.setState(saved);
    tf.tidy(() => optA.step({ w: tf.tensor1d([0.1, 0.4]) }, 0.05));
    tf.tidy(() => fresh.step({ w: tf.tensor1d([0.1, 0.4]) }, 0.05));
    expect(b.dataSync()).toEqual(a.dataSync());
  });

  it('updates only its explicit list and refuses gradients of anything else', () => {
    const v = tf.variable(tf.scalar(1));
    const opt = new SgdOptimizer([{ name: 'w', variable: v }], { lr: 0.1 });
    expect(() => opt.step({ w: tf.scalar(1), other: tf.scalar(1) }, 0.1)).toThrow(/'other', which this optimizer does not update/);
    expect(() => opt.step({}, 0.1)).toThrow(/no gradient for parameter 'w'/);
    expect(() => new SgdOptimizer([{ name: 'w', variable: v }], { lr: 0.1, dampening: 0.1 })).toThrow(TrainConfigError);
    expect(() => new SgdOptimizer([{ name: 'w', variable: v }], { lr: -1 })).toThrow(/lr/);
  });
});

describe('learning-rate schedule', () => {
  it("is the reference's LambdaLR cosine: lr at step 0, halfway at the middle, to 1e-6 at the end", () => {
    expect(learningRateAt({ kind: 'cosine' }, 0.1, 0, 1000)).toBeCloseTo(0.1, 12);
    expect(learningRateAt({ kind: 'cosine' }, 0.1, 500, 1000)).toBeCloseTo((0.1 + 1e-6) / 2, 12);
    expect(learningRateAt({ kind: 'cosine' }, 0.1, 1000, 1000)).toBeCloseTo(1e-6, 15);
    expect(learningRateAt({ kind: 'cosine', minLr: 0 }, 0.2, 250, 1000)).toBeCloseTo(0.2 * (1 + Math.SQRT1_2) / 2, 12);
    expect(learningRateAt({ kind: 'constant' }, 0.03, 77, 100)).toBe(0.03);
  });
});
