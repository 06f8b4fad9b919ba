import { Rng, type Seed, floatToBytes } from '@vpixmix/augment-core';
import type { ClipDataset } from '../dataset';
import { DatasetArgumentError } from '../errors';
import { GeneratedClipDataset } from './generated-clips';
import { addNoise, createCanvas, fillTexture, paintShape, type Placement } from './paint';
import { motionObjects, shapeTests } from './shape-library';
import { paintClutter, sceneTextures } from './shapes';
import { withDefaults } from './defaults';

/** The 10 classes of `motion`, in label order. */
export const motionClasses = ['left', 'right', 'up', 'down', 'rotate_cw', 'rotate_ccw', 'grow', 'shrink', 'bounce', 'still'];

/** Motions held out of `motion`, for its held-out-classes OOD set. */
export const heldOutMotions = ['diagonal', 'orbit', 'blink'];

export interface MotionOptions {
  /** The data set's own seed: a different seed is a different data set. */
  seed?: Seed;
  /** Frame side in pixels (default 32). */
  size?: number;
  /** Frames per clip (default 8). */
  frames?: number;
  trainSize?: number;
  testSize?: number;
}

export const motionDefaults: Required<MotionOptions> = { seed: 20221, size: 32, frames: 8, trainSize: 5000, testSize: 1000 };

const directions: Record<string, readonly [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/**
 * The object's placement at every frame for `motion`. Travel, turn and growth are spread
 * over the clip, so a clip of any length shows the whole motion; each frame also gets a
 * little camera shake, so that 'still' is not simply "no pixel changes".
 */
export function trajectory(rng: Rng, motion: string, frames: number, size: number): { placements: Placement[]; visible: boolean[] } {
  const steps = Math.max(1, frames - 1);
  let radius = rng.uniform(0.17, 0.26) * size;
  const angle0 = rng.uniform(0, 2 * Math.PI);
  const travel = rng.uniform(0.3, 0.5) * size;
  const margin = () => radius * 0.6;
  const place = (extentX: number, extentY: number) => ({
    x: rng.uniform(margin() + Math.max(0, -extentX), size - margin() - Math.max(0, extentX)),
    y: rng.uniform(margin() + Math.max(0, -extentY), size - margin() - Math.max(0, extentY)),
  });
  let at: (t: number) => Placement;
  const visible = new Array<boolean>(frames).fill(true);
  if (motion in directions) {
    const [dx, dy] = directions[motion];
    const start = place(dx * travel, dy * travel);
    at = (t) => ({ cx: start.x + (dx * travel * t) / steps, cy: start.y + (dy * travel * t) / steps, radius, angle: angle0 });
  } else if (motion === 'rotate_cw' || motion === 'rotate_ccw') {
    const turn = rng.uniform(Math.PI / 2, Math.PI) * (motion === 'rotate_cw' ? 1 : -1);
    radius = rng.uniform(0.22, 0.32) * size;
    const start = place(0, 0);
    at = (t) => ({ cx: start.x, cy: start.y, radius, angle: angle0 + (turn * t) / steps });
  } else if (motion === 'grow' || motion === 'shrink') {
    const small = rng.uniform(0.13, 0.18) * size;
    const big = small * rng.uniform(1.7, 2.3);
    radius = big;
    const start = place(0, 0);
    const [from, to] = motion === 'grow' ? [small, big] : [big, small];
    at = (t) => ({ cx: start.x, cy: start.y, radius: from * (to / from) ** (t / steps), angle: angle0 });
  } else if (motion === 'bounce') {
    const [dx, dy] = rng.choice(Object.values(directions));
    const turnAt = rng.uniform(steps / 3, (2 * steps) / 3);
    const out = travel * 0.8;
    const start = place(dx * out, dy * out);
    const pos = (t: number) => (out * (t <= turnAt ? t : 2 * turnAt - t)) / turnAt;
    at = (t) => ({ cx: start.x + dx * pos(t), cy: start.y + dy * pos(t), radius, angle: angle0 });
  } else if (motion === 'still') {
    const start = place(0, 0);
    at = () => ({ cx: start.x, cy: start.y, radius, angle: angle0 });
  } else if (motion === 'diagonal') {
    const dx = rng.bool() ? 1 : -1;
    const dy = rng.bool() ? 1 : -1;
    const d = travel / Math.SQRT2;
    const start = place(dx * d, dy * d);
    at = (t) => ({ cx: start.x + (dx * d * t) / steps, cy: start.y + (dy * d * t) / steps, radius, angle: angle0 });
  } else if (motion === 'orbit') {
    const r = rng.uniform(0.15, 0.22) * size;
    const c = { x: size / 2 + rng.uniform(-2, 2), y: size / 2 + rng.uniform(-2, 2) };
    const phase = rng.uniform(0, 2 * Math.PI);
    const dir = rng.bool() ? 1 : -1;
    at = (t) => {
      const a = phase + (dir * 2 * Math.PI * t) / frames;
      return { cx: c.x + r * Math.cos(a), cy: c.y + r * Math.sin(a), radius: radius * 0.8, angle: angle0 };
    };
  } else if (motion === 'blink') {
    const start = place(0, 0);
    const period = rng.int(1, 3);
    for (let t = 0; t < frames; t++) visible[t] = Math.floor(t / period) % 2 === 0;
    at = () => ({ cx: start.x, cy: start.y, radius, angle: angle0 });
  } else {
    throw new DatasetArgumentError('motion', `unknown motion '${motion}'; known: ${[...motionClasses, ...heldOutMotions].join(', ')}`);
  }
  const placements = Array.from({ length: frames }, (_, t) => {
    const p = at(t);
    return { ...p, cx: p.cx + rng.uniform(-0.4, 0.4), cy: p.cy + rng.uniform(-0.4, 0.4) };
  });
  return { placements, visible };
}

/** One `motion` clip (THWC uint8): a textured object moving as `motion` over a static textured scene. */
export function renderMotion(rng: Rng, motion: string, frames: number, size: number): Uint8Array {
  const background = createCanvas(size, size);
  const { background: bgTexture, foreground } = sceneTextures(rng, size);
  fillTexture(background, bgTexture);
  paintClutter(background, rng);
  const inside = shapeTests[rng.choice(motionObjects)];
  const { placements, visible } = trajectory(rng, motion, frames, size);
  const textureRadius = placements[0].radius;
  const sigma = rng.uniform(0, 0.05);
  const frameSize = size * size * 3;
  const out = new Uint8Array(frames * frameSize);
  const canvas = createCanvas(size, size);
  for (let t = 0; t < frames; t++) {
    canvas.data.set(background.data);
    if (visible[t]) paintShape(canvas, inside, placements[t], foreground, textureRadius);
    addNoise(canvas, rng, sigma);
    out.set(floatToBytes(canvas.data), t * frameSize);
  }
  return out;
}

function resolve(options: MotionOptions) {
  const o = withDefaults(motionDefaults, options);
  for (const [name, min] of [['size', 16], ['frames', 2], ['trainSize', 1], ['testSize', 1]] as const) {
    const value = o[name];
    if (!Number.isInteger(value) || value < min) throw new DatasetArgumentError(name, `must be an integer >= ${min}, got ${value}`);
  }
  return o;
}

function motionSet(name: string, classes: readonly string[], stream: string, length: number, o: ReturnType<typeof resolve>): ClipDataset {
  const labelOf = (i: number) => i % classes.length;
  return new GeneratedClipDataset(
    name,
    o.size,
    o.size,
    o.frames,
    length,
    classes,
    labelOf,
    (i) => renderMotion(Rng.seeded(o.seed, 'motion', stream, i), classes[labelOf(i)], o.frames, o.size),
    (n) => new Uint8Array(n),
  );
}

/** `motion`: 10 balanced classes (label = index mod 10) of short clips of a moving object. */
export function openMotion(split: 'train' | 'test', options: MotionOptions = {}): ClipDataset {
  const o = resolve(options);
  return motionSet(`motion/${split}`, motionClasses, split, split === 'train' ? o.trainSize : o.testSize, o);
}

/** Motions the 10 classes do not contain (diagonal, orbit, blink), drawn the same way: near-OOD. */
export function openMotionHeldOut(options: MotionOptions & { length?: number } = {}): ClipDataset {
  const o = resolve(options);
  return motionSet('motion/held-out', heldOutMotions, 'held-out', options.length ?? o.testSize, o);
}
