import type { Rng } from '@vpixmix/augment-core';
import { hsvToRgb } from '@vpixmix/mixing-sets';

/** A float RGB canvas in [0, 1], HWC. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export type Rgb = readonly [number, number, number];

export function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Float32Array(width * height * 3) };
}

/** A two-colour pattern; `value(x, y)` in [0, 1] picks between the colours. */
export interface Texture {
  readonly kind: 'solid' | 'stripes' | 'checker' | 'dots' | 'noise' | 'gradient';
  readonly a: Rgb;
  readonly b: Rgb;
  value(x: number, y: number): number;
}

export function randomColour(rng: Rng): Rgb {
  return hsvToRgb(rng.random(), rng.uniform(0.15, 1), rng.uniform(0.15, 1));
}

/** A second colour near `base` (same hue family), for the other half of a texture. */
export function nearColour(rng: Rng, base: Rgb, spread: number): Rgb {
  return base.map((c) => Math.min(1, Math.max(0, c + rng.uniform(-spread, spread)))) as unknown as Rgb;
}

export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export function meanColour(t: Texture): Rgb {
  const w = t.kind === 'solid' ? 0 : 0.5;
  return [0, 1, 2].map((c) => t.a[c] * (1 - w) + t.b[c] * w) as unknown as Rgb;
}

/** Smooth value noise on a grid of `cell` pixels, from the rng. */
function valueNoise(rng: Rng, cell: number): (x: number, y: number) => number {
  const n = 24;
  const grid = Float32Array.from({ length: n * n }, () => rng.random());
  return (x, y) => {
    const gx = x / cell + n * 4;
    const gy = y / cell + n * 4;
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const fx = gx - x0;
    const fy = gy - y0;
    const at = (i: number, j: number) => grid[(((j % n) + n) % n) * n + (((i % n) + n) % n)];
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
}

const kinds: Texture['kind'][] = ['solid', 'stripes', 'checker', 'dots', 'noise', 'gradient'];

/** A random texture with colours `a` and `b`; `scale` is its typical period in pixels. */
export function randomTexture(rng: Rng, a: Rgb, b: Rgb, scale: number): Texture {
  const kind = rng.choice(kinds);
  const angle = rng.uniform(0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const period = scale * rng.uniform(0.5, 1.5);
  const phase = rng.uniform(0, period);
  let value: (x: number, y: number) => number;
  switch (kind) {
    case 'solid':
      value = () => 0;
      break;
    case 'stripes':
      value = (x, y) => (((x * cos + y * sin + phase) / period) % 1 + 1) % 1 < 0.5 ? 0 : 1;
      break;
    case 'checker':
      value = (x, y) => (Math.floor((x * cos + y * sin + phase) / period) + Math.floor((-x * sin + y * cos) / period)) & 1;
      break;
    case 'dots': {
      const r = period * rng.uniform(0.2, 0.35);
      value = (x, y) => {
        const px = (((x * cos + y * sin + phase) % period) + period) % period - period / 2;
        const py = (((-x * sin + y * cos) % period) + period) % period - period / 2;
        return px * px + py * py <= r * r ? 1 : 0;
      };
      break;
    }
    case 'noise': {
      const noise = valueNoise(rng, period / 2);
      value = (x, y) => noise(x, y);
      break;
    }
    default: {
      const span = scale * rng.uniform(3, 8);
      value = (x, y) => Math.min(1, Math.max(0, 0.5 + (x * cos + y * sin) / span));
    }
  }
  return { kind, a, b, value };
}

/** Fills the canvas with a texture in image coordinates. */
export function fillTexture(canvas: Canvas, texture: Texture): void {
  const { width, height, data } = canvas;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = texture.value(x + 0.5, y + 0.5);
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = texture.a[c] * (1 - t) + texture.b[c] * t;
    }
  }
}

/** Where and how big a shape is drawn: centre (px), radius (px) and rotation (radians). */
export interface Placement {
  cx: number;
  cy: number;
  radius: number;
  angle: number;
}

const SUB = 3; // 3x3 supersampling for antialiased edges

/**
 * Paints a shape at `placement`, filled with `texture` in object coordinates (the texture
 * turns and scales with the shape; `textureRadius` fixes its scale). `alpha` fades it.
 */
export function paintShape(
  canvas: Canvas,
  inside: (u: number, v: number) => boolean,
  placement: Placement,
  texture: Texture,
  textureRadius = placement.radius,
  alpha = 1,
): void {
  const { width, height, data } = canvas;
  const { cx, cy, radius, angle } = placement;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = radius * 1.45 + 1;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(width - 1, Math.ceil(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach));
  const y1 = Math.min(height - 1, Math.ceil(cy + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let cover = 0;
      let tex = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const dx = x + (sx + 0.5) / SUB - cx;
          const dy = y + (sy + 0.5) / SUB - cy;
          const u = (dx * cos + dy * sin) / radius;
          const v = (-dx * sin + dy * cos) / radius;
          if (inside(u, v)) {
            cover++;
            tex += texture.value(u * textureRadius, v * textureRadius);
          }
        }
      }
      if (cover === 0) continue;
      const a = (alpha * cover) / (SUB * SUB);
      const t = tex / cover;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const fg = texture.a[c] * (1 - t) + texture.b[c] * t;
        data[i + c] = data[i + c] * (1 - a) + fg * a;
      }
    }
  }
}

/** Adds N(0, sigma) noise to every value. */
export function addNoise(canvas: Canvas, rng: Rng, sigma: number): void {
  if (sigma <= 0) return;
  const { data } = canvas;
  for (let i = 0; i < data.length; i++) data[i] += rng.normal(0, sigma);
}
