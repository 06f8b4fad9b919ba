/**
 * WGSL for a convolution as an implicit GEMM, C[M, N] = sum_k A[M, k] B[k, N], with the
 * operands read straight from the NDHWC tensors (no im2col buffer). One workgroup of 8x8
 * threads computes a 32x32 tile of C; each thread a 4x4 block held in four vec4 registers.
 * Each step stages a 32x16 slice of A and a 16x32 slice of B in workgroup memory, laid out
 * vec4 along each operand's contiguous axis; the inner loop multiplies 4x4 blocks as mat4x4
 * (8 vec4 reads per 64 FMAs). Loads along an operand's contiguous axis read vec4 when that
 * axis is a multiple of 4 (channels % 4 == 0).
 * workgroupId.z selects a slice of K (split-K); each slice writes its own partial C.
 *
 *   forward (Conv3D, Conv2D):  M = batch*outPixels, N = outC, K = taps*inC;  A = x,  B = W
 *   filter gradient:           M = taps*inC,       N = outC, K = batch*outPixels; A = x^T, B = dy
 *   input gradient:            M = batch*inPixels, N = inC,  K = taps*outC;  A = dy (scattered), B = W^T
 */
export type ConvGemmKind = 'forward' | 'filter' | 'input';

export interface ConvGemmShape {
  kind: ConvGemmKind;
  /** 3D convolution (false: D = 1 and the depth arithmetic is left out). */
  volumetric: boolean;
  /** vec4 loads for A and for B along their contiguous axis. */
  vecA: boolean;
  vecB: boolean;
  /** vec4 stores of C (N % 4 == 0). */
  vecC: boolean;
  /** All strides 1: the input gradient skips its divisibility tests. */
  unitStride: boolean;
}

export const tileM = 32;
export const tileN = 32;
export const tileK = 16;

/** Uniforms every conv GEMM program takes, in this order. */
export const convGemmUniforms = [
  'inD', 'inH', 'inW', 'inC', 'outD', 'outH', 'outW', 'outC', 'fD', 'fH', 'fW',
  'sD', 'sH', 'sW', 'pF', 'pT', 'pL', 'dD', 'dH', 'dW', 'M', 'N', 'K', 'kPerSplit', 'tilesPerSplit',
];

/** (kd, kh, kw, c) from a tap-major index over [fD, fH, fW, channels]; (b, d, h, w) from a pixel index over a grid. */
function coordinateFns(volumetric: boolean): string {
  const grid = (name: string, d: string, h: string, w: string) => `fn ${name}(p : i32) -> vec4<i32> {
    let pw = p % uniforms.${w}; var q = p / uniforms.${w};
    let ph = q % uniforms.${h}; q = q / uniforms.${h};
    ${volumetric ? `return vec4<i32>(q / uniforms.${d}, q % uniforms.${d}, ph, pw);` : 'return vec4<i32>(q, 0, ph, pw);'}
  }`;
  return `fn tapOf(t : i32, channels : i32) -> vec4<i32> {
    let c = t % channels; var r = t / channels;
    let kw = r % uniforms.fW; r = r / uniforms.fW;
    ${volumetric ? 'return vec4<i32>(r / uniforms.fH, r % uniforms.fH, kw, c);' : 'return vec4<i32>(0, r, kw, c);'}
  }
  ${grid('outPixelOf', 'outD', 'outH', 'outW')}
  ${grid('inPixelOf', 'inD', 'inH', 'inW')}
  // Adds step to a mixed-radix number (digits x, y, z, w; w fastest) without dividing.
  fn advance(s : vec4<i32>, radix : vec4<i32>, step : i32) -> vec4<i32> {
    var r = s;
    r.w = r.w + step;
    loop { if (r.w < radix.w) { break; } r.w = r.w - radix.w; r.z = r.z + 1; }
    loop { if (r.z < radix.z) { break; } r.z = r.z - radix.z; r.y = r.y + 1; }
    loop { if (r.y < radix.y) { break; } r.y = r.y - radix.y; r.x = r.x + 1; }
    return r;
  }`;
}

/** x at output pixel px and tap tp (forward and filter gradient); 0 in the padding. */
function xReader(vec: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  return `fn readX(px : vec4<i32>, tp : vec4<i32>) -> ${type} {
    let id = px.y * uniforms.sD - uniforms.pF + tp.x * uniforms.dD;
    let ih = px.z * uniforms.sH - uniforms.pT + tp.y * uniforms.dH;
    let iw = px.w * uniforms.sW - uniforms.pL + tp.z * uniforms.dW;
    if (iw < 0 || iw >= uniforms.inW || ih < 0 || ih >= uniforms.inH || id < 0 || id >= uniforms.inD) { return ${type}(0.0); }
    let i = (((px.x * uniforms.inD + id) * uniforms.inH + ih) * uniforms.inW + iw) * uniforms.inC + tp.w;
    return ${vec ? 'x[i / 4]' : 'x[i]'};
  }`;
}

/** dy that input pixel px receives through tap tp (input gradient); 0 where no output pixel maps there. */
function dyScatterReader(vec: boolean, unitStride: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  const strided = (name: string) =>
    unitStride ? `let o${name} = t${name};` : `if (t${name} % uniforms.s${name.toUpperCase()} != 0) { return ${type}(0.0); }
    let o${name} = t${name} / uniforms.s${name.toUpperCase()};`;
  return `fn readDy(px : vec4<i32>, tp : vec4<i32>) -> ${type} {
    let td = px.y + uniforms.pF - tp.x * uniforms.dD;
    let th = px.z + uniforms.pT - tp.y * uniforms.dH;
    let tw = px.w + uniforms.pL - tp.z * uniforms.dW;
    if (td < 0 || th < 0 || tw < 0) { return ${type}(0.0); }
    ${strided('d')}
    ${strided('h')}
    ${strided('w')}
    if (od >= uniforms.outD || oh >= uniforms.outH || ow >= uniforms.outW) { return ${type}(0.0); }
    let i = (((px.x * uniforms.outD + od) * uniforms.outH + oh) * uniforms.outW + ow) * uniforms.outC + tp.w;
    return ${vec ? 'dy[i / 4]' : 'dy[i]'};
  }`;
}

interface Operand {
  /** WGSL loading the operand at (mn, k) (vec: 4 along its contiguous axis); `fixed` holds prep(mn). */
  load: string;
  /** WGSL of mn computed once per thread before the K loop (coordinates that do not change with k). */
  prep?: string;
  /**
   * Coordinates that move with k, as a mixed-radix number: `init` (WGSL of k) once before
   * the K loop, then advanced by 16 per step without dividing (held in `moving`).
   */
  vary?: { init: string; radix: string };
  /** Contiguous axis: 'k' or 'mn'. */
  fast: 'k' | 'mn';
  readers: string;
}

const inTaps = { init: 'tapOf(k, uniforms.inC)', radix: 'vec4<i32>(uniforms.fD, uniforms.fH, uniforms.fW, uniforms.inC)' };
const outTaps = { init: 'tapOf(k, uniforms.outC)', radix: 'vec4<i32>(uniforms.fD, uniforms.fH, uniforms.fW, uniforms.outC)' };
const outPixels = { init: 'outPixelOf(k)', radix: 'vec4<i32>(0x7fffffff, uniforms.outD, uniforms.outH, uniforms.outW)' };

function operands(shape: ConvGemmShape): { a: Operand; b: Operand } {
  const { vecA, vecB } = shape;
  switch (shape.kind) {
    case 'forward':
      return {
        a: { prep: 'outPixelOf(mn)', vary: inTaps, load: 'readX(fixed, moving)', fast: 'k', readers: xReader(vecA) },
        b: { load: vecB ? 'W[(k * uniforms.N + mn) / 4]' : 'W[k * uniforms.N + mn]', fast: 'mn', readers: '' },
      };
    case 'filter':
      return {
        a: { prep: 'tapOf(mn, uniforms.inC)', vary: outPixels, load: 'readX(moving, fixed)', fast: 'mn', readers: xReader(vecA) },
        b: { load: vecB ? 'dy[(k * uniforms.N + mn) / 4]' : 'dy[k * uniforms.N + mn]', fast: 'mn', readers: '' },
      };
    case 'input': {
      const w = '(((moving.x * uniforms.fH + moving.y) * uniforms.fW + moving.z) * uniforms.inC + mn) * uniforms.outC + moving.w';
      return {
        a: { prep: 'inPixelOf(mn)', vary: outTaps, load: 'readDy(fixed, moving)', fast: 'k', readers: dyScatterReader(vecA, shape.unitStride) },
        b: { vary: outTaps, load: vecB ? `W[(${w}) / 4]` : `W[${w}]`, fast: 'k', readers: '' },
      };
    }
  }
}

/** Which element of the slice thread `lid` loads on pass i: (ii along M or N, kk along K). */
function slot(op: Operand, vec: boolean): string {
  if (!vec) return op.fast === 'k' ? 'let kk = e % 16; let ii = e / 16;' : 'let kk = e / 32; let ii = e % 32;';
  return op.fast === 'k' ? 'let kk = (e % 4) * 4; let ii = e / 4;' : 'let kk = e / 8; let ii = (e % 8) * 4;';
}

/** Before the K loop: each thread's fixed and moving coordinates for the elements it loads. */
function prepare(op: Operand, vec: boolean, name: string, base: string): string {
  if (!op.prep && !op.vary) return '';
  const passes = vec ? 2 : 8;
  return `${op.prep ? `var ${name}Fixed : array<vec4<i32>, ${passes}>;` : ''}
    ${op.vary ? `var ${name}Moving : array<vec4<i32>, ${passes}>;` : ''}
    for (var i = 0; i < ${passes}; i = i + 1) {
      let e = lid + i * 64;
      ${slot(op, vec)}
      let mn = ${base} + ii; let k = kStart + kk;
      ${op.prep ? `${name}Fixed[i] = ${op.prep};` : ''}
      ${op.vary ? `${name}Moving[i] = ${op.vary.init};` : ''}
    }`;
}

/**
 * Workgroup-memory layout of an operand's 16 x 32 slice, by its contiguous axis: k-major
 * ([mn][k / 4], vec4 along k) or mn-major ([k][mn / 4], vec4 along M or N), so that vec4 loads
 * land in one vec4 store.
 */
function tileDecl(op: Operand, name: string): string {
  return op.fast === 'k'
    ? `var<workgroup> ${name} : array<array<vec4<f32>, ${tileK / 4}>, ${tileM}>;`
    : `var<workgroup> ${name} : array<array<vec4<f32>, ${tileM / 4}>, ${tileK}>;`;
}

/** Stages one operand's slice into its tile. */
function stage(op: Operand, vec: boolean, tile: string, base: string, limit: string, prepName: string): string {
  const kFast = op.fast === 'k';
  const fixed =
    (op.prep ? `let fixed = ${prepName}Fixed[i];` : '') +
    (op.vary ? `let moving = ${prepName}Moving[i]; ${prepName}Moving[i] = advance(moving, ${op.vary.radix}, ${tileK});` : '');
  const guard = `k < kEnd && mn < ${limit}`;
  if (!vec) {
    const at = kFast ? `${tile}[ii][kk / 4][kk % 4]` : `${tile}[kk][ii / 4][ii % 4]`;
    return `for (var i = 0; i < 8; i = i + 1) {
      let e = lid + i * 64;
      ${slot(op, vec)}
      let mn = ${base} + ii; let k = k0 + kk;
      ${fixed}
      var v = 0.0;
      if (${guard}) { v = ${op.load}; }
      ${at} = v;
    }`;
  }
  return `for (var i = 0; i < 2; i = i + 1) {
      let e = lid + i * 64;
      ${slot(op, vec)}
      let mn = ${base} + ii; let k = k0 + kk;
      ${fixed}
      var v = vec4<f32>(0.0);
      if (${guard}) { v = ${op.load}; }
      ${kFast ? `${tile}[ii][kk / 4]` : `${tile}[kk][ii / 4]`} = v;
    }`;
}

/**
 * The 4 x 4 x 4 step of the inner loop as matrices: accT (row r of C in column r) +=
 * B^T * A^T, with A^T and B^T built from four vec4 reads of each tile.
 */
function innerStep(a: Operand, b: Operand): string {
  const aT = a.fast === 'k'
    ? 'mat4x4<f32>(tileA[ty * 4][kq], tileA[ty * 4 + 1][kq], tileA[ty * 4 + 2][kq], tileA[ty * 4 + 3][kq])'
    : 'transpose(mat4x4<f32>(tileA[kq * 4][ty], tileA[kq * 4 + 1][ty], tileA[kq * 4 + 2][ty], tileA[kq * 4 + 3][ty]))';
  const bT = b.fast === 'k'
    ? 'transpose(mat4x4<f32>(tileB[tx * 4][kq], tileB[tx * 4 + 1][kq], tileB[tx * 4 + 2][kq], tileB[tx * 4 + 3][kq]))'
    : 'mat4x4<f32>(tileB[kq * 4][tx], tileB[kq * 4 + 1][tx], tileB[kq * 4 + 2][tx], tileB[kq * 4 + 3][tx])';
  return `acc = acc + ${bT} * ${aT};`;
}

/** The program's code (after tfjs-backend-webgpu's generated header), `main` included. */
export function convGemmCode(shape: ConvGemmShape): string {
  const { a, b } = operands(shape);
  const store = shape.vecC
    ? `if (n < uniforms.N) { result[(outBase + m * uniforms.N + n) / 4] = acc[r]; }`
    : `for (var c = 0; c < 4; c = c + 1) {
          if (n + c < uniforms.N) { result[outBase + m * uniforms.N + n + c] = acc[r][c]; }
        }`;
  return `
  ${coordinateFns(shape.volumetric)}
  ${a.readers}
  ${b.readers}
  ${tileDecl(a, 'tileA')}
  ${tileDecl(b, 'tileB')}

  fn main(index : i32) {
    let tx = i32(localId.x);
    let ty = i32(localId.y);
    let lid = i32(localIndex);
    let n0 = i32(workgroupId.x) * ${tileN};
    let m0 = i32(workgroupId.y) * ${tileM};
    let kStart = i32(workgroupId.z) * uniforms.kPerSplit;
    let kEnd = min(uniforms.K, kStart + uniforms.kPerSplit);
    var acc = mat4x4<f32>();
    ${prepare(a, shape.vecA, 'prepA', 'm0')}
    ${prepare(b, shape.vecB, 'prepB', 'n0')}
    for (var t = 0; t < uniforms.tilesPerSplit; t = t + 1) {
      let k0 = kStart + t * ${tileK};
      ${stage(a, shape.vecA, 'tileA', 'm0', 'uniforms.M', 'prepA')}
      ${stage(b, shape.vecB, 'tileB', 'n0', 'uniforms.N', 'prepB')}
      workgroupBarrier();
      for (var kq = 0; kq < ${tileK / 4}; kq = kq + 1) {
        ${innerStep(a, b)}
      }
      workgroupBarrier();
    }
    let outBase = i32(workgroupId.z) * uniforms.M * uniforms.N;
    let n = n0 + tx * 4;
    for (var r = 0; r < 4; r = r + 1) {
      let m = m0 + ty * 4 + r;
      if (m < uniforms.M) {
        ${store}
      }
    }
  }`;
}

/** Sums split-K partials [splits, size] into [size] (vec4 when size % 4 == 0). */
export function splitSumCode(vec: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  return `
  fn main(index : i32) {
    if (index >= uniforms.count) { return; }
    var s = ${type}(0.0);
    for (var i = 0; i < uniforms.splits; i = i + 1) {
      s = s + partial[i * uniforms.count + index];
    }
    result[index] = s;
  }`;
}
