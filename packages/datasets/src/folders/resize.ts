import { type ImageU8, createImage, toUint8 } from '@vpixmix/augment-core';
import { resizeBilinear, resizeShorterSide } from '@vpixmix/mixing-sets';

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

/** torchvision's Resize(size) (shorter side to `size`, Pillow bilinear) then CenterCrop(width x height). */
export function resizeShorterAndCenterCrop(image: ImageU8, width: number, height: number): ImageU8 {
  return centerCrop(resizeShorterSide(image, Math.max(width, height)), width, height);
}

/** Pillow bilinear resize to exactly width x height, stored as 8-bit. */
export function resizeStretch(image: ImageU8, width: number, height: number): ImageU8 {
  if (image.width === width && image.height === height) return image;
  return toUint8(resizeBilinear(image, width, height));
}
