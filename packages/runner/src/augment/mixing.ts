import path from 'node:path';
import type { MixingSource } from '@vpixmix/augment-core';
import { workspaceRoot } from '@vpixmix/datasets';
import { FractalSource, FractalZoomSource, loadImageFolder, loadVideoFrames } from '@vpixmix/mixing-sets';
import type { RecipeMixing } from '../recipe/schema';

/** Where the recipe's relative paths point: the workspace root. */
export function recipePath(file: string): string {
  return path.resolve(workspaceRoot, file);
}

/**
 * The mixing source an arm names: procedural fractals, fractal-zoom clips, a folder of
 * pictures or the frames of a video, prepared for items of `size` pixels and `frames` frames.
 */
export async function openMixingSource(mixing: RecipeMixing, size: number, frames: number, warn?: (line: string) => void): Promise<MixingSource> {
  switch (mixing.source) {
    case 'fractals':
      return new FractalSource({ seed: mixing.seed, count: mixing.count, preprocess: mixing.preprocess });
    case 'fractal-zoom':
      return new FractalZoomSource({ seed: mixing.seed, count: mixing.count });
    case 'folder':
      return loadImageFolder(recipePath(mixing.path), {
        size,
        tooSmall: 'upscale',
        onSkip: (s) => warn?.(`warning: mixing folder ${mixing.path}: skipped ${s.file}, it cannot be read as a picture (${s.reason})`),
      });
    case 'video':
      return loadVideoFrames(recipePath(mixing.path), { size, upscale: true, maxFrames: Math.max(256, frames * 8) });
  }
}
