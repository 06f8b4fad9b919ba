export { assertClip } from './clip-check';
export {
  type DrawScope,
  type ShortClipPolicy,
  type VpixmixConfig,
  type VpixmixConfigInput,
  type VpixmixPreset,
  VPIXMIX_PRESETS,
  PRESET_SHAPES,
  isVpixmixPreset,
  vpixmixConfig,
} from './vpixmix-config';
export { type MixingPick, mixingFrameOrder } from './mixing-material';
export { type VpixmixRecord, type ClipShape, sampleVpixmix, sampleMixingPicks, sampleVpixmixDraws, applyVpixmixDraws, replayVpixmix, vpixmix } from './vpixmix';
export { type ClipCropParams, sampleClipCrop, sampleClipResizedCrop, applyClipCrop, applyClipResizedCrop } from './clip-spatial';
export { type TemporalOptions, sampleTemporal, selectFrames } from './clip-temporal';
export { type VideomixParams, sampleVideomix, applyVideomix } from './videomix';
export { frameDifferences, staticClip, temporalConsistency } from './consistency';
