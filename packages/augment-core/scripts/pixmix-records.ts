/**
 * Writes random PixMix draws (inputs, records, our outputs) for replay-records.py, which
 * replays each record with the reference's own functions (PIL ops, torch float32 mixings):
 *
 *   node -r ts-node/register packages/augment-core/scripts/pixmix-records.ts /tmp/records.json
 *   /usr/bin/python3 packages/augment-core/scripts/replay-records.py /tmp/records.json
 */
import { writeFileSync } from 'node:fs';
import { createImage, pixmix, PIXMIX_CIFAR, Rng } from '../src';

const file = process.argv[2];
if (!file) throw new Error('usage: pixmix-records.ts OUT.json [COUNT]');
const count = Number(process.argv[3] ?? 400);
const rng = Rng.seeded(11);
const cases = [];
for (let i = 0; i < count; i++) {
  const size = i % 4 === 0 ? 112 : 32;
  const n = size * size * 3;
  const image = createImage(size, size, Uint8Array.from({ length: n }, () => rng.int(0, 256)));
  const floatPicture = i % 3 === 0;
  const pictureData = floatPicture ? Float32Array.from({ length: n }, () => rng.random()) : Uint8Array.from({ length: n }, () => rng.int(0, 256));
  const { image: out, record } = pixmix(image, createImage(size, size, pictureData), { ...PIXMIX_CIFAR, k: 6 }, rng);
  cases.push({ size, img: Array.from(image.data), mix: Array.from(pictureData), mixFloat: floatPicture, record, result: Array.from(out.data) });
}
writeFileSync(file, JSON.stringify(cases));
console.log(`${count} PixMix draws -> ${file}`);
