import * as tf from '@tensorflow/tfjs-core';
import { type TensorInfo, type WasmBackend, allocate, heapF32 } from './wasm-context';

/**
 * Slice of a float32 tensor as block copies straight on the wasm heap. The stock kernel
 * first copies the whole input out of the heap (readSync) and then moves one element at a
 * time; the gradient of a padded convolution slices every activation of that layer.
 */
export function sliceFloat32(backend: WasmBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const rank = x.shape.length;
  const out = allocate(backend, size);
  const src = heapF32(backend, x);
  const dst = heapF32(backend, out);
  // The innermost axes copied whole form one contiguous run, together with the axis above them.
  let inner = rank - 1;
  let run = size[inner];
  while (inner > 0 && begin[inner] === 0 && size[inner] === x.shape[inner]) {
    inner--;
    run *= size[inner];
  }
  const strides = tf.util.computeStrides(x.shape);
  const outer = size.slice(0, inner);
  const index = new Array<number>(inner).fill(0);
  const count = tf.util.sizeFromShape(outer);
  const base = begin.reduce((offset, b, axis) => offset + b * (axis < rank - 1 ? strides[axis] : 1), 0);
  for (let k = 0, t = 0; k < count; k++, t += run) {
    let s = base;
    for (let axis = 0; axis < inner; axis++) s += index[axis] * strides[axis];
    dst.set(src.subarray(s, s + run), t);
    for (let axis = inner - 1; axis >= 0; axis--) {
      if (++index[axis] < outer[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

export function sliceConfig(stock: () => tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.Slice,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const backend = args.backend as WasmBackend;
      const { x } = args.inputs as { x: TensorInfo };
      const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
      const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
      if (x.dtype !== 'float32' || size_.some((s) => s === 0) || x.shape.length === 0) {
        const config = stock();
        if (!config) throw new Error('no stock wasm Slice kernel to fall back on');
        return config.kernelFunc(args);
      }
      return sliceFloat32(backend, x, begin_, size_);
    },
  };
}
