import { Rng, type Seed, floatToBytes } from '@vpixmix/augment-core';
import type { ImageDataset } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { GeneratedImageDataset } from './generated';
import { type Canvas, colourDistance, createCanvas, fillTexture, meanColour, nearColour, paintShape, randomColour, randomTexture, addNoise, type Texture } from './paint';
import { heldOutShapes, shapeClasses, shapeTests } from './shape-library';
import { withDefaults } from './defaults';

export interface ShapesOptions {
  /** The data set's own seed (not the training seed): a different seed is a different data set. */
  seed?: Seed;
  /** Image side in pixels (default 32). */
  size?: number;
  trainSize?: number;
  testSize?: number;
}

export const shapesDefaults: Required<ShapesOptions> = { seed: 20220, size: 32, trainSize: 10000, testSize: 2000 };

/** A textured background and a foreground texture that stands out from it. */
export function sceneTextures(rng: Rng, size: number): { background: Texture; foreground: Texture } {
  const b1 = randomColour(rng);
  const b2 = rng.bool(0.3) ? randomColour(rng) : nearColour(rng, b1, 0.35);
  const background = randomTexture(rng, b1, b2, size / 6);
  let foreground = background;
  for (let attempt = 0; attempt < 30; attempt++) {
    const f1 = randomColour(rng);
    foreground = randomTexture(rng, f1, nearColour(rng, f1, 0.4), size / 10);
    if (colourDistance(meanColour(foreground), meanColour(background)) >= 0.4) break;
  }
  return { background, foreground };
}

/** Up to 3 small shapes of any kind as clutter, so position and colour alone do not give the class away. */
export function paintClutter(canvas: Canvas, rng: Rng): void {
  const count = rng.int(0, 4);
  const all = Object.keys(shapeTests);
  for (let k = 0; k < count; k++) {
    const colour = randomColour(rng);
    const texture = randomTexture(rng, colour, nearColour(rng, colour, 0.3), 2);
    paintShape(canvas, shapeTests[rng.choice(all)], {
      cx: rng.uniform(0, canvas.width),
      cy: rng.uniform(0, canvas.height),
      radius: rng.uniform(0.05, 0.1) * canvas.width,
      angle: rng.uniform(0, 2 * Math.PI),
    }, texture);
  }
}

/** One `shapes` picture: shape `shape` on a textured background, varied in every other way. */
export function renderShape(rng: Rng, shape: string, size: number): Uint8Array {
  const canvas = createCanvas(size, size);
  const { background, foreground } = sceneTextures(rng, size);
  fillTexture(canvas, background);
  paintClutter(canvas, rng);
  const radius = rng.uniform(0.22, 0.42) * size;
  const margin = radius * 0.7;
  paintShape(canvas, shapeTests[shape], {
    cx: rng.uniform(margin, size - margin),
    cy: rng.uniform(margin, size - margin),
    radius,
    angle: rng.uniform(0, 2 * Math.PI),
  }, foreground);
  addNoise(canvas, rng, rng.uniform(0, 0.06));
  return floatToBytes(canvas.data);
}

function checkSize(argument: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new DatasetArgumentError(argument, `must be an integer >= ${min}, got ${value}`);
}

function resolve(options: ShapesOptions) {
  const o = withDefaults(shapesDefaults, options);
  checkSize('size', o.size, 16);
  checkSize('trainSize', o.trainSize, 1);
  checkSize('testSize', o.testSize, 1);
  return o;
}

/** `shapes`: 10 balanced classes (label = index mod 10) of shapes on textured backgrounds. */
export function openShapes(split: 'train' | 'test', options: ShapesOptions = {}): ImageDataset {
  const o = resolve(options);
  const length = split === 'train' ? o.trainSize : o.testSize;
  const labelOf = (i: number) => i % shapeClasses.length;
  return new GeneratedImageDataset(
    `shapes/${split}`,
    o.size,
    o.size,
    length,
    shapeClasses,
    labelOf,
    (i) => renderShape(Rng.seeded(o.seed, 'shapes', split, i), shapeClasses[labelOf(i)], o.size),
    (n) => new Uint8Array(n),
  );
}

/** Shapes the 10 classes do not contain (arrow, hourglass, spiral), drawn the same way: near-OOD. */
export function openShapesHeldOut(options: ShapesOptions & { length?: number } = {}): ImageDataset {
  const o = resolve(options);
  const length = options.length ?? o.testSize;
  const labelOf = (i: number) => i % heldOutShapes.length;
  return new GeneratedImageDataset(
    'shapes/held-out',
    o.size,
    o.size,
    length,
    heldOutShapes,
    labelOf,
    (i) => renderShape(Rng.seeded(o.seed, 'shapes', 'held-out', i), heldOutShapes[labelOf(i)], o.size),
    (n) => new Uint8Array(n),
  );
}
