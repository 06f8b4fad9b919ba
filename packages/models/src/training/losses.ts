import * as tf from '@tensorflow/tfjs-core';

/**
 * Labels as a [B, numClasses] probability matrix: int labels [B] become one-hot, soft
 * labels [B, numClasses] (Mixup, CutMix, VideoMix) pass through.
 */
export function labelDistribution(labels: tf.Tensor, numClasses: number): tf.Tensor2D {
  if (labels.rank === 1) return tf.cast(tf.oneHot(tf.cast(labels, 'int32'), numClasses), 'float32') as tf.Tensor2D;
  if (labels.rank === 2 && labels.shape[1] === numClasses) return labels as tf.Tensor2D;
  throw new RangeError(`labels: need int labels [B] or soft labels [B, ${numClasses}], got shape ${JSON.stringify(labels.shape)}`);
}

/**
 * Mean over the batch of -sum_c target_c * log softmax(logits)_c: PyTorch's cross_entropy
 * with class-index targets (one-hot) or class-probability targets.
 */
export function softCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perExample = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
    return tf.mean(perExample);
  });
}

/**
 * AugMix's Jensen-Shannon consistency term over V views of the same B examples
 * (logits stacked [clean; aug1; aug2; ...], V*B rows): with M the mean of the softmaxes
 * clamped to [1e-7, 1], the mean over views of KL(p_view || M) summed over classes and
 * averaged over the batch. The reference multiplies it by 12.
 */
export function jsdConsistency(logits: tf.Tensor, views: number): tf.Scalar {
  return tf.tidy(() => {
    const batch = logits.shape[0] / views;
    if (!Number.isInteger(batch)) throw new RangeError(`jsd: ${logits.shape[0]} rows do not split into ${views} views`);
    const logProbs = tf.split(tf.logSoftmax(logits), views, 0);
    const probs = logProbs.map((lp) => tf.exp(lp));
    const logMixture = tf.log(tf.clipByValue(tf.div(tf.addN(probs), views), 1e-7, 1));
    const kls = probs.map((p, i) => tf.div(tf.sum(tf.mul(p, tf.sub(logProbs[i], logMixture))), batch));
    return tf.div(tf.addN(kls), views) as tf.Scalar;
  });
}
