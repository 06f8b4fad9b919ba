import * as tf from '@tensorflow/tfjs-core';
import { type TensorInfo, type WasmBackend, allocate, heapF32 } from './wasm-context';

/**
 * Sums the rows of a [rows, cols] float32 matrix into `out` (cols), accumulating in float64.
 * This is what batch-norm statistics and bias/scale gradients reduce: the stock wasm Sum and
 * Mean transpose the whole tensor first to put the reduced axes innermost.
 */
export function sumRows(src: Float32Array, rows: number, cols: number, out: Float32Array, scale = 1): void {
  const acc = new Float64Array(cols);
  let i = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) acc[c] += src[i++];
  }
  for (let c = 0; c < cols; c++) out[c] = acc[c] * scale;
}

/** The reduced axes as a count of leading axes, or -1 when they are not exactly axes 0..k-1. */
function leadingAxes(axis: number | number[], rank: number): number {
  const axes = tf.util.parseAxisParam(axis, [...Array(rank).keys()].map(() => 1));
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  return sorted.every((a, i) => a === i) ? sorted.length : -1;
}

function reduceLeading(
  name: 'Sum' | 'Mean',
  stock: () => tf.KernelConfig | undefined,
): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as WasmBackend;
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const lead = leadingAxes(axis, x.shape.length);
    // Reductions over inner axes are already fast (no transpose); int tensors keep the stock path.
    if (lead <= 0 || lead === x.shape.length || x.dtype !== 'float32') {
      const config = stock();
      if (!config) throw new Error(`no stock wasm ${name} kernel to fall back on`);
      return config.kernelFunc(args);
    }
    const rows = tf.util.sizeFromShape(x.shape.slice(0, lead));
    const kept = x.shape.slice(lead);
    const cols = tf.util.sizeFromShape(kept);
    const outShape = keepDims ? [...x.shape.slice(0, lead).map(() => 1), ...kept] : kept;
    const out = allocate(backend, outShape);
    sumRows(heapF32(backend, x), rows, cols, heapF32(backend, out), name === 'Mean' ? 1 / rows : 1);
    return out;
  };
}

export function reduceLeadingConfigs(stock: (name: string) => tf.KernelConfig | undefined): tf.KernelConfig[] {
  return (['Sum', 'Mean'] as const).map((name) => ({
    kernelName: name,
    backendName: 'wasm',
    kernelFunc: reduceLeading(name, () => stock(name)),
  }));
}
