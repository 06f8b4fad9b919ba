export { AugmentArgumentError } from './errors';
export {
  type PixelBuffer,
  type Image,
  type Clip,
  type ImageU8,
  type ImageF32,
  type ClipU8,
  type ClipF32,
  createImage,
  createClip,
  assertImage,
  assertSameSize,
  toFloat,
  toUint8,
  floatToBytes,
  normalizeSigned,
  clipFrame,
  clipFromFrames,
} from './image';
export { Rng, type Seed, type RngState } from './rng';
export { workspaceRoot, findWorkspaceRoot } from './workspace-root';
export { type MixingSource, type MixingClipSource, isMixingClipSource } from './mixing-source';
export * from './ops';
export * from './pixmix';
export * from './baselines';
export * from './pool';
export * from './video';
// Test fixtures: a small PNG reader for the golden pictures (packages that cannot import video-io).
export { readPngFixture } from './testing/read-png';
