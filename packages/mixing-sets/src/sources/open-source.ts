import { promises as fs } from 'node:fs';
import type { MixingSource, Seed } from '@vpixmix/augment-core';
import { loadMixingFolder } from '../cache/open-set';
import { MixingFolderError } from '../errors';
import { FractalSource } from './fractal-source';
import type { SkippedFile, TooSmallPolicy } from './image-folder-source';
import { loadVideoFrames } from './video-frames-source';
import { FractalZoomSource } from './zoom-source';

export interface OpenMixingSourceOptions {
  /** The size pictures will be asked for (folders and videos are resized for it at load). */
  size?: number;
  /** Seed of procedural sources. Default 0. */
  seed?: Seed;
  /** Distinct pictures of procedural sources. Default 1000. */
  count?: number;
  /** Folder pictures (or video frames) smaller than the crop. Default 'error'. */
  tooSmall?: TooSmallPolicy;
  onSkip?: (skipped: SkippedFile) => void;
}

/**
 * One mixing source from one word, for command lines and recipes: 'fractals' (procedural IFS
 * fractals), 'zoom' (fractal-zoom clips), a folder written by `vpixmix fractals` (loaded as
 * that set), any other folder (its PNG/JPEG pictures), or a video file (its frames).
 */
export async function openMixingSource(spec: string, options: OpenMixingSourceOptions = {}): Promise<MixingSource> {
  const { size, seed = 0, count = 1000, tooSmall = 'error', onSkip } = options;
  if (spec === 'fractals') return new FractalSource({ seed, count });
  if (spec === 'zoom') return new FractalZoomSource({ seed, count });
  let stat;
  try {
    stat = await fs.stat(spec);
  } catch {
    throw new MixingFolderError(spec, `${spec}: no such file or folder; give 'fractals', 'zoom', a folder of PNG/JPEG pictures (or a set from \`vpixmix fractals\`), or a video file.`);
  }
  if (stat.isDirectory()) return loadMixingFolder(spec, { size, tooSmall: tooSmall === 'skip' && size === undefined ? 'error' : tooSmall, onSkip });
  return loadVideoFrames(spec, { size, upscale: tooSmall === 'upscale' });
}
