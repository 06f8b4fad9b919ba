// Test fixtures: small real pictures from the shared golden inputs (read-only, beside the workspace).
import path from 'node:path';
import type { ImageU8 } from '@vpixmix/augment-core';
import { readPngFixture } from '@vpixmix/augment-core';

export const goldenInputs = path.resolve(__dirname, '../../..', '../shared/golden/pil-ops/inputs');

export function goldenImage(name: string): ImageU8 {
  return readPngFixture(path.join(goldenInputs, `${name}.png`));
}

function crop(image: ImageU8, left: number, top: number, size: number): ImageU8 {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) data.set(image.data.subarray(((top + y) * image.width + left) * 3, ((top + y) * image.width + left + size) * 3), y * size * 3);
  return { width: size, height: size, channels: 3, data };
}

/** Seven 32x32 pictures: three golden inputs and four crops of the 112x112 scene. */
export function naturalImages(): ImageU8[] {
  const scene = goldenImage('scene112');
  return [
    goldenImage('scene32'),
    goldenImage('gradient32'),
    goldenImage('lowcontrast32'),
    ...[
      [0, 0],
      [40, 40],
      [80, 0],
      [0, 80],
    ].map(([x, y]) => crop(scene, x, y, 32)),
  ];
}
