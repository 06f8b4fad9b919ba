import * as tf from '@tensorflow/tfjs-core';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

/**
 * PadV2 for rank-5 tensors as two rank <= 4 pads: tfjs-backend-webgpu 4.22 generates WGSL
 * that indexes a `vec5` for rank 5 (no such type), so 3D-ResNet padding fails to compile.
 * H, W, C are padded on [N*D, H, W, C], then N, D on [N, D, H'*W'*C'].
 */
export function padRank5(args: KernelArgs, stock: tf.KernelFunc): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.PadV2Attrs;
  if (x.shape.length !== 5) return stock(args) as tf.TensorInfo;
  const backend = args.backend;
  const backendName = tf.getBackend();
  const run = (name: string, inputs: tf.NamedTensorInfoMap, kernelAttrs: object): tf.TensorInfo => {
    const kernel = name === tf.PadV2 ? stock : tf.getKernel(name, backendName)?.kernelFunc;
    if (!kernel) throw new Error(`no ${name} kernel on ${backendName}`);
    return kernel({ inputs, backend, attrs: kernelAttrs as tf.NamedAttrMap }) as tf.TensorInfo;
  };
  const [n, d, h, w, c] = x.shape;
  const p = attrs.paddings;
  const frames = run(tf.Reshape, { x }, { shape: [n * d, h, w, c] });
  const framesPadded = run(tf.PadV2, { x: frames }, { paddings: [[0, 0], p[2], p[3], p[4]], constantValue: attrs.constantValue });
  const [, h2, w2, c2] = framesPadded.shape;
  const clips = run(tf.Reshape, { x: framesPadded }, { shape: [n, d, h2 * w2 * c2] });
  const clipsPadded = run(tf.PadV2, { x: clips }, { paddings: [p[0], p[1], [0, 0]], constantValue: attrs.constantValue });
  const out = run(tf.Reshape, { x: clipsPadded }, { shape: [n + p[0][0] + p[0][1], d + p[1][0] + p[1][1], h2, w2, c2] });
  for (const t of [frames, framesPadded, clips, clipsPadded]) backend.disposeData(t.dataId);
  return out;
}

/** Puts padRank5 in front of a backend's own PadV2 (idempotent). */
export function registerPadRank5(backendName: string): void {
  const current = tf.getKernel(tf.PadV2, backendName);
  if (!current || (current.kernelFunc as { padRank5?: boolean }).padRank5) return;
  const stock = current.kernelFunc;
  const kernelFunc = Object.assign((args: KernelArgs) => padRank5(args, stock), { padRank5: true });
  tf.unregisterKernel(tf.PadV2, backendName);
  tf.registerKernel({ ...current, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}
