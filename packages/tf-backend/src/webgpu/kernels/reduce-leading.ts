import * as tf from '@tensorflow/tfjs-core';
import { asWebGpuBackend, flatProgram, flatView, intUniforms, reshapeResult } from './webgpu-program';

const lanes = 16;
const columnsPerGroup = 16;

/** Partial sums over the rows of [R, C] (C as vec4 when C % 4 == 0): partial[split, C]. */
function partialCode(vec: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  return `
  var<workgroup> sums : array<array<${type}, ${columnsPerGroup}>, ${lanes}>;
  fn main(index : i32) {
    let col = i32(workgroupId.x) * ${columnsPerGroup} + i32(localId.x);
    let lane = i32(localId.y);
    let split = i32(workgroupId.y);
    let start = split * uniforms.chunk;
    let end = min(uniforms.rows, start + uniforms.chunk);
    var s = ${type}(0.0);
    if (col < uniforms.cols) {
      for (var r = start + lane; r < end; r = r + ${lanes}) { s = s + ${type}(x[r * uniforms.cols + col]); }
    }
    sums[lane][i32(localId.x)] = s;
    workgroupBarrier();
    for (var step = ${lanes / 2}; step > 0; step = step / 2) {
      if (lane < step) { sums[lane][i32(localId.x)] = sums[lane][i32(localId.x)] + sums[lane + step][i32(localId.x)]; }
      workgroupBarrier();
    }
    if (lane == 0 && col < uniforms.cols) { result[split * uniforms.cols + col] = sums[0][i32(localId.x)]; }
  }`;
}

/** Sums the splits' partials and scales them (1 for Sum, 1 / R for Mean). */
function finalCode(vec: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  return `
  fn main(index : i32) {
    if (index >= uniforms.cols) { return; }
    var s = ${type}(0.0);
    for (var i = 0; i < uniforms.splits; i = i + 1) { s = s + partial[i * uniforms.cols + index]; }
    result[index] = s * uniforms.scale;
  }`;
}

/** Row splits: enough workgroups to fill a GPU, at least 256 rows each. */
export function rowSplits(rows: number, colGroups: number): number {
  const wanted = Math.max(1, Math.ceil(256 / colGroups));
  return Math.max(1, Math.min(wanted, Math.ceil(rows / 256)));
}

/**
 * Sum or Mean over leading axes (0..k-1) of a float32 tensor, as [R, C] column sums without
 * a transpose (the stock reduction transposes the reduced axes to the end first: a full
 * copy). Batch norm's statistics and gradients reduce [pixels, channels] over axis 0.
 * Returns undefined where it does not apply (other axes, other dtypes than float32).
 */
export function reduceLeading(
  args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap },
  mean: boolean,
): tf.TensorInfo | undefined {
  const { x } = args.inputs as Record<'x', tf.TensorInfo>;
  const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
  // float32 only; its buffer may hold int32 (a cast from bool or int32 can keep its source's
  // buffer), which the shader converts as it reads (the stock transpose fails to compile there).
  if (x.dtype !== 'float32' || x.shape.length < 2) return undefined;
  const axes = [...tf.util.parseAxisParam(axis, x.shape)].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= x.shape.length || axes.some((a, i) => a !== i)) return undefined;
  const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
  const cols = tf.util.sizeFromShape(x.shape.slice(axes.length));
  if (rows === 0 || cols === 0) return undefined;
  const backend = asWebGpuBackend(args.backend);
  const vec = cols % 4 === 0;
  const width = vec ? 4 : 1;
  const cols4 = cols / width;
  const colGroups = Math.ceil(cols4 / columnsPerGroup);
  const splits = rowSplits(rows, colGroups);
  const chunk = Math.ceil(rows / splits);
  const partial = backend.runWebGPUProgram(
    flatProgram({
      key: `vpixmixReduceLeadingPartial_${vec}`,
      inputs: ['x'],
      inputComponents: [width],
      outputSize: splits * cols,
      outputComponent: width,
      workgroups: [colGroups, splits, 1],
      workgroupSize: [columnsPerGroup, lanes, 1],
      uniformNames: ['rows', 'cols', 'chunk'],
      code: partialCode(vec),
    }),
    [flatView(x)],
    'float32',
    intUniforms([rows, cols4, chunk]),
  );
  const summed = backend.runWebGPUProgram(
    flatProgram({
      key: `vpixmixReduceLeadingFinal_${vec}`,
      inputs: ['partial'],
      inputComponents: [width],
      outputSize: cols,
      outputComponent: width,
      workgroups: [Math.ceil(cols4 / 64), 1, 1],
      workgroupSize: [64, 1, 1],
      uniformNames: ['cols', 'splits', 'scale : f32'],
      code: finalCode(vec),
    }),
    [partial],
    'float32',
    [...intUniforms([cols4, splits]), { type: 'float32', data: [mean ? 1 / rows : 1] }],
  );
  backend.disposeData(partial.dataId);
  const kept = x.shape.slice(axes.length);
  return reshapeResult(backend, summed, keepDims ? [...axes.map(() => 1), ...kept] : kept);
}
