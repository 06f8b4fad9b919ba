import type { ClipF32, ImageF32 } from '../image';
import type { MixingClipSource } from '../mixing-source';
import type { Rng } from '../rng';

/**
 * A small deterministic MixingClipSource for tests (augment-core cannot import mixing-sets):
 * clip i is a coloured interference pattern that drifts `speed` pixels per frame; the rng
 * picks a phase (as a real source's random crop would). `maxFrames` limits clip length.
 */
export class DriftingSource implements MixingClipSource {
  readonly name: string;
  constructor(
    readonly length = 7,
    readonly speed = 0.25,
    readonly maxFrames = Infinity,
  ) {
    this.name = `drifting(${length})`;
  }

  private frame(index: number, t: number, width: number, height: number, phase: number, out: Float32Array, offset: number): void {
    const fx = 0.21 + 0.05 * (index % 3);
    const fy = 0.17 + 0.04 * (index % 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const u = x + t * this.speed + phase;
        const v = y + 0.5 * t * this.speed;
        const o = offset + (y * width + x) * 3;
        out[o] = 0.5 + 0.5 * Math.sin(u * fx + index);
        out[o + 1] = 0.5 + 0.5 * Math.sin(v * fy + 2 * index);
        out[o + 2] = 0.5 + 0.5 * Math.sin((u + v) * 0.13 + index);
      }
    }
  }

  picture(index: number, width: number, height: number, rng: Rng): ImageF32 {
    const data = new Float32Array(width * height * 3);
    this.frame(index, 0, width, height, rng.uniform(0, 10), data, 0);
    return { width, height, channels: 3, data };
  }

  clip(index: number, frames: number, width: number, height: number, rng: Rng): ClipF32 {
    const n = Math.min(frames, this.maxFrames);
    const phase = rng.uniform(0, 10);
    const size = width * height * 3;
    const data = new Float32Array(n * size);
    for (let t = 0; t < n; t++) this.frame(index, t, width, height, phase, data, t * size);
    return { frames: n, width, height, channels: 3, data };
  }
}
