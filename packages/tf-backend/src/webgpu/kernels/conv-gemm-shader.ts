/**
 * WGSL for a convolution as an implicit GEMM, C[M, N] = sum_k A[M, k] B[k, N], with the
 * operands read straight from the NDHWC tensors (no im2col buffer). One workgroup of 8x8
 * threads computes a 32x32 tile of C; each thread a 4x4 block held in four vec4 registers.
 * Each step stages a 32x16 slice of A and a 16x32 slice of B in workgroup memory (as vec4
 * along M and N, so the inner loop is 2 vec4 reads and 4 vec4 FMAs per k). Loads along an
 * operand's contiguous axis read vec4 when that axis is a multiple of 4 (channels % 4 == 0).
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
}

export const tileM = 32;
export const tileN = 32;
export const tileK = 16;

/** Uniforms every conv GEMM program takes, in this order. */
export const convGemmUniforms = [
  'inD', 'inH', 'inW', 'inC', 'outD', 'outH', 'outW', 'outC', 'fD', 'fH', 'fW',
  'sD', 'sH', 'sW', 'pF', 'pT', 'pL', 'dD', 'dH', 'dW', 'M', 'N', 'K', 'kPerSplit', 'tilesPerSplit',
];

/** (kd, kh, kw, c) from a tap-major index t over [fD, fH, fW, channels]. */
function splitTap(t: string, channels: string, volumetric: boolean): string {
  return `let c = ${t} % ${channels}; var r = ${t} / ${channels};
    let kw = r % uniforms.fW; r = r / uniforms.fW;
    ${volumetric ? 'let kh = r % uniforms.fH; let kd = r / uniforms.fH;' : 'let kh = r; let kd = 0;'}`;
}

/** (b, d, h, w) from a pixel index p over [batch, D, H, W]. */
function splitPixel(p: string, d: string, h: string, w: string, volumetric: boolean): string {
  return `let pw = ${p} % uniforms.${w}; var q = ${p} / uniforms.${w};
    let ph = q % uniforms.${h}; q = q / uniforms.${h};
    ${volumetric ? `let pd = q % uniforms.${d}; let b = q / uniforms.${d};` : 'let pd = 0; let b = q;'}`;
}

/** x at output pixel p and tap t (forward and filter gradient); 0 in the padding. */
function xReader(vec: boolean, volumetric: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  return `fn readX(p : i32, t : i32) -> ${type} {
    ${splitTap('t', 'uniforms.inC', volumetric)}
    ${splitPixel('p', 'outD', 'outH', 'outW', volumetric)}
    let iw = pw * uniforms.sW - uniforms.pL + kw * uniforms.dW;
    let ih = ph * uniforms.sH - uniforms.pT + kh * uniforms.dH;
    let id = pd * uniforms.sD - uniforms.pF + kd * uniforms.dD;
    if (iw < 0 || iw >= uniforms.inW || ih < 0 || ih >= uniforms.inH || id < 0 || id >= uniforms.inD) { return ${type}(0.0); }
    let i = (((b * uniforms.inD + id) * uniforms.inH + ih) * uniforms.inW + iw) * uniforms.inC + c;
    return ${vec ? 'x[i / 4]' : 'x[i]'};
  }`;
}

/** dy that input pixel p receives through tap t (input gradient); 0 where no output pixel maps there. */
function dyScatterReader(vec: boolean, volumetric: boolean): string {
  const type = vec ? 'vec4<f32>' : 'f32';
  const axis = (name: string, pixel: string, pad: string, tap: string, stride: string, dil: string, size: string) =>
    `let t${name} = ${pixel} + uniforms.${pad} - ${tap} * uniforms.${dil};
    if (t${name} < 0 || t${name} % uniforms.${stride} != 0) { return ${type}(0.0); }
    let o${name} = t${name} / uniforms.${stride};
    if (o${name} >= uniforms.${size}) { return ${type}(0.0); }`;
  return `fn readDy(p : i32, t : i32) -> ${type} {
    ${splitTap('t', 'uniforms.outC', volumetric)}
    ${splitPixel('p', 'inD', 'inH', 'inW', volumetric)}
    ${axis('w', 'pw', 'pL', 'kw', 'sW', 'dW', 'outW')}
    ${axis('h', 'ph', 'pT', 'kh', 'sH', 'dH', 'outH')}
    ${volumetric ? axis('d', 'pd', 'pF', 'kd', 'sD', 'dD', 'outD') : 'let od = 0;'}
    let i = (((b * uniforms.outD + od) * uniforms.outH + oh) * uniforms.outW + ow) * uniforms.outC + c;
    return ${vec ? 'dy[i / 4]' : 'dy[i]'};
  }`;
}

interface Operand {
  /** WGSL that loads the operand at (mn, k) (vec: 4 along its contiguous axis). */
  load: string;
  /** Contiguous axis: 'k' or 'mn'. */
  fast: 'k' | 'mn';
  readers: string;
}

function operands(shape: ConvGemmShape): { a: Operand; b: Operand } {
  const { vecA, vecB, volumetric } = shape;
  switch (shape.kind) {
    case 'forward':
      return {
        a: { load: 'readX(mn, k)', fast: 'k', readers: xReader(vecA, volumetric) },
        b: { load: vecB ? 'W[(k * uniforms.N + mn) / 4]' : 'W[k * uniforms.N + mn]', fast: 'mn', readers: '' },
      };
    case 'filter':
      return {
        a: { load: 'readX(k, mn)', fast: 'mn', readers: xReader(vecA, volumetric) },
        b: { load: vecB ? 'dy[(k * uniforms.N + mn) / 4]' : 'dy[k * uniforms.N + mn]', fast: 'mn', readers: '' },
      };
    case 'input': {
      const w = '((k / uniforms.outC) * uniforms.inC + mn) * uniforms.outC + k % uniforms.outC';
      return {
        a: { load: 'readDy(mn, k)', fast: 'k', readers: dyScatterReader(vecA, volumetric) },
        b: { load: vecB ? `W[(${w}) / 4]` : `W[${w}]`, fast: 'k', readers: '' },
      };
    }
  }
}

/** Stages one operand's 16 x 32 slice into `tile` ([k][mn / 4] of vec4). */
function stage(op: Operand, vec: boolean, tile: string, base: string, limit: string): string {
  const guard = (mn: string, k: string) => `${k} < kEnd && ${mn} < ${limit}`;
  if (!vec) {
    const split = op.fast === 'k' ? 'let kk = e % 16; let ii = e / 16;' : 'let kk = e / 32; let ii = e % 32;';
    return `for (var i = 0; i < 8; i = i + 1) {
      let e = lid + i * 64;
      ${split}
      let mn = ${base} + ii; let k = k0 + kk;
      var v = 0.0;
      if (${guard('mn', 'k')}) { v = ${op.load}; }
      ${tile}[kk][ii / 4][ii % 4] = v;
    }`;
  }
  if (op.fast === 'mn') {
    return `for (var i = 0; i < 2; i = i + 1) {
      let e = lid + i * 64;
      let kk = e / 8; let ii = (e % 8) * 4;
      let mn = ${base} + ii; let k = k0 + kk;
      var v = vec4<f32>(0.0);
      if (${guard('mn', 'k')}) { v = ${op.load}; }
      ${tile}[kk][ii / 4] = v;
    }`;
  }
  return `for (var i = 0; i < 2; i = i + 1) {
      let e = lid + i * 64;
      let kk = (e % 4) * 4; let ii = e / 4;
      let mn = ${base} + ii; let k = k0 + kk;
      var v = vec4<f32>(0.0);
      if (${guard('mn', 'k')}) { v = ${op.load}; }
      ${tile}[kk][ii / 4][ii % 4] = v.x;
      ${tile}[kk + 1][ii / 4][ii % 4] = v.y;
      ${tile}[kk + 2][ii / 4][ii % 4] = v.z;
      ${tile}[kk + 3][ii / 4][ii % 4] = v.w;
    }`;
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
  ${a.readers}
  ${b.readers}
  var<workgroup> tileA : array<array<vec4<f32>, 8>, 16>;
  var<workgroup> tileB : array<array<vec4<f32>, 8>, 16>;

  fn main(index : i32) {
    let tx = i32(localId.x);
    let ty = i32(localId.y);
    let lid = i32(localIndex);
    let n0 = i32(workgroupId.x) * ${tileN};
    let m0 = i32(workgroupId.y) * ${tileM};
    let kStart = i32(workgroupId.z) * uniforms.kPerSplit;
    let kEnd = min(uniforms.K, kStart + uniforms.kPerSplit);
    var acc : array<vec4<f32>, 4>;
    for (var t = 0; t < uniforms.tilesPerSplit; t = t + 1) {
      let k0 = kStart + t * ${tileK};
      ${stage(a, shape.vecA, 'tileA', 'm0', 'uniforms.M')}
      ${stage(b, shape.vecB, 'tileB', 'n0', 'uniforms.N')}
      workgroupBarrier();
      for (var kk = 0; kk < ${tileK}; kk = kk + 1) {
        let av = tileA[kk][ty];
        let bv = tileB[kk][tx];
        acc[0] = fma(vec4<f32>(av.x), bv, acc[0]);
        acc[1] = fma(vec4<f32>(av.y), bv, acc[1]);
        acc[2] = fma(vec4<f32>(av.z), bv, acc[2]);
        acc[3] = fma(vec4<f32>(av.w), bv, acc[3]);
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
