import * as tf from '@tensorflow/tfjs-core';
import { labelDistribution, softCrossEntropy, type NamedVariable, type SgdOptimizer, type createModel } from '@vpixmix/models';

/**
 * The models package's training step (training-mode forward, soft cross-entropy, gradients of
 * the optimizer's variables, Nesterov SGD) for timing: it reads the loss back with an awaited
 * data(), which also waits for the step's GPU work. createTrainStep reads with dataSync, which
 * tfjs-backend-webgpu in Node cannot do (it needs OffscreenCanvas).
 */
export function asyncTrainStep(
  model: ReturnType<typeof createModel>,
  optimizer: SgdOptimizer,
  params: NamedVariable[],
  numClasses: number,
): (x: tf.Tensor, y: tf.Tensor, lr: number, dropoutSeed: number) => Promise<number> {
  const byEngineName = new Map(params.map((p) => [p.variable.name, p.name]));
  const variables = params.map((p) => p.variable);
  return async (x, y, lr, dropoutSeed) => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.apply(x, { training: true, dropoutSeed }) as tf.Tensor;
        return softCrossEntropy(logits, labelDistribution(y, numClasses)) as tf.Scalar;
      }, variables);
      const named: tf.NamedTensorMap = {};
      for (const [name, grad] of Object.entries(grads)) named[byEngineName.get(name) ?? name] = grad;
      optimizer.step(named, lr);
      return value;
    });
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  };
}
