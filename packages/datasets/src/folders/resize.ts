import { type ImageU8, createImage } from '@vpixmix/augment-core';

/**
 * Pillow's BILINEAR resampling (a triangle filter whose support widens with the downscale
 * factor, so shrinking averages instead of aliasing), horizontal pass then vertical; float
 * intermediate where Pillow rounds to 8 bits between passes (results within 1 level).
 */
function weights(inSize: number, outSize: number): { start: Int32Array; count: Int32Array; w: Float32Array; stride: number } {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // bilinear support 1.0
  const stride = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const w = new Float32Array(outSize * stride);
  for (let x = 0; x < outSize; x++) {
    const center = (x + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize);
    let total = 0;
    for (let j = xmin; j < xmax; j++) {
      const k = Math.max(0, 1 - Math.abs((j - center + 0.5) / filterScale));
      w[x * stride + j - xmin] = k;
      total += k;
    }
    for (let j = 0; j < xmax - xmin; j++) w[x * stride + j] /= total || 1;
    start[x] = xmin;
    count[x] = xmax - xmin;
  }
  return { start, count, w, stride };
}

export function resizeBilinear(image: ImageU8, width: number, height: number): ImageU8 {
  if (image.width === width && image.height === height) return image;
  const src = image.data;
  const h = weights(image.width, width);
  const mid = new Float32Array(image.height * width * 3);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < h.count[x]; j++) {
        const k = h.w[x * h.stride + j];
        const at = (y * image.width + h.start[x] + j) * 3;
        r += k * src[at];
        g += k * src[at + 1];
        b += k * src[at + 2];
      }
      const o = (y * width + x) * 3;
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
    }
  }
  const v = weights(image.height, height);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * 3; x++) {
      let s = 0;
      for (let j = 0; j < v.count[y]; j++) s += v.w[y * v.stride + j] * mid[(v.start[y] + j) * width * 3 + x];
      const q = Math.round(s);
      out[y * width * 3 + x] = q < 0 ? 0 : q > 255 ? 255 : q;
    }
  }
  return createImage(width, height, out);
}

/** torchvision's Resize(size) (shorter side to `size`) then CenterCrop(size x size), on Pillow's bilinear. */
export function resizeShorterAndCenterCrop(image: ImageU8, width: number, height: number): ImageU8 {
  const short = Math.min(image.width, image.height);
  const target = Math.max(width, height);
  const [rw, rh] =
    image.width <= image.height
      ? [target, Math.trunc((target * image.height) / image.width)]
      : [Math.trunc((target * image.width) / image.height), target];
  const resized = short === target && image.width === rw && image.height === rh ? image : resizeBilinear(image, rw, rh);
  return centerCrop(resized, width, height);
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** torchvision's CenterCrop: top = round((H - h) / 2), left = round((W - w) / 2), Python rounding. */
export function centerCrop(image: ImageU8, width: number, height: number): ImageU8 {
  if (image.width === width && image.height === height) return image;
  const top = roundHalfEven((image.height - height) / 2);
  const left = roundHalfEven((image.width - width) / 2);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    out.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return createImage(width, height, out);
}
