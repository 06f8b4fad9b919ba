// The public surface of @vpixmix/mixing-sets. Everything another package may import is exported here.
export { MixingArgumentError, MixingFolderError, MixingPictureTooSmallError, MixingCacheError, MixingVideoError } from './errors';

// Procedural IFS fractals (FractalDB's search, flame-style colour).
export { type IfsSystem, sampleIfsSystem, MIN_MAPS, MAX_MAPS } from './ifs/ifs-system';
export { type IfsSearchOptions, DEFAULT_IFS_SEARCH, IfsSearchExhaustedError } from './ifs/ifs-search';
export { type RenderOptions, DEFAULT_RENDER, renderPoints } from './ifs/render-ifs';
export { type FractalStyle } from './ifs/fractal-style';
export {
  type FractalOptions,
  type FractalOptionsInput,
  type FractalParams,
  type GeneratedFractal,
  DEFAULT_FRACTAL_OPTIONS,
  resolveFractalOptions,
  FractalGenerator,
} from './ifs/fractal-generator';

// Fractal-zoom clips (Mandelbrot, Julia).
export { type EscapeKind, smoothEscape, distanceEstimate } from './zoom/escape-time';
export { type ZoomOptions, type ZoomPath, DEFAULT_ZOOM_OPTIONS, DEEPEST_SCALE, WHOLE_SET_SCALE, maxIterationsAt, sampleZoomPath } from './zoom/zoom-path';
export { frameScale, renderZoomClip } from './zoom/render-zoom';

// Colour.
export { type Rgb, type Palette, hsvToRgb, samplePalette, paletteColor } from './color/palette';
export { type Background, sampleBackground, paintBackground } from './color/background';

// Sources behind MixingSource / MixingClipSource.
export { type FractalSourceOptions, type MixingPreprocess, MIXING_PREPROCESSES, FractalSource } from './sources/fractal-source';
export { type ZoomSourceOptions, FractalZoomSource, resolveZoomOptions, maxZoomFrames } from './sources/zoom-source';
export {
  type ImageFolderOptions,
  type SkippedFile,
  type TooSmallPolicy,
  PICTURE_EXTENSIONS,
  ImageFolderSource,
  loadImageFolder,
} from './sources/image-folder-source';
export { type VideoFramesOptions, VideoFramesSource, loadVideoFrames } from './sources/video-frames-source';
export { type OpenMixingSourceOptions, openMixingSource } from './sources/open-source';

// The reference preprocessing.
export { resizeBilinear } from './preprocess/resize';
export { resizeTarget, shorterSideSize, resizeShorterSide, sampleCrop, crop, referencePreprocess } from './preprocess/reference-preprocess';

// Disk cache.
export { type MixingSetSpec, type MixingSetManifest, type ManifestItem, type MixingGenerator, MANIFEST_FILE, itemFile } from './cache/manifest';
export { type WriteMixingSetOptions, type WriteMixingSetResult, mixingSetSpec, writeMixingSet } from './cache/write-set';
export { type LoadMixingSetOptions, CachedMixingSet, hasClips, loadMixingSet } from './cache/load-set';
export { openMixingSet, loadMixingFolder } from './cache/open-set';

// Looking and checking.
export { type ContactSheetOptions, contactSheet } from './contact-sheet';
export { colorStd, nonBackgroundShare, meanAbsoluteDifference } from './quality';
