// Corruptions (-C) and perturbations (-P) of the robustness benchmarks, for images and clips.
export { CorruptionSeverityError, UnknownCorruptionError, ImageTooSmallError, ClipTooShortError } from './errors';
export { type Severity, SEVERITY_LEVELS, checkSeverity } from './severity';
export type { Size, CorruptionParams, CorruptionCategory, ImageCorruption } from './types';
export {
  CORRUPTION_NAMES,
  EXTRA_CORRUPTION_NAMES,
  type CorruptionName,
  imageCorruptions,
  getCorruption,
  corruptImage,
} from './registry';
export { type GlassShuffle, createGlassBlur } from './image/blur';
export { type SpatterWithoutWater, createSpatter } from './image/spatter';
export { jpegRoundTrip, type ChromaSubsampling } from './filters/jpeg';
export type { Perturbation } from './perturbations/types';
export { PERTURBATION_NAMES, EXTRA_PERTURBATION_NAMES, perturbations, getPerturbation } from './perturbations/registry';
export { createSpatterSequence } from './perturbations/weather-sequences';
export type { ClipSize, VideoCorruption, VideoCorruptionKind, VideoCorruptionParams } from './video/types';
export { type PerFrameParams, type ClipConsistentParams, perFrame, clipConsistent } from './video/spatial';
export { type TemporalParams, frameRateDrop, frameFreeze, reverseOrder, jumbledSegments, droppedFrames } from './video/temporal';
export { VIDEO_CORRUPTION_NAMES, TEMPORAL_CORRUPTION_NAMES, videoCorruptions, getVideoCorruption } from './video/registry';
