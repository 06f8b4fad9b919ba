export { type WriteSetOptions, type WrittenSet } from './set-options';
export { CORRUPTION_SET_GENERATOR, defaultCorruptionNames, checkCorruptionNames, writeCorruptionSet } from './write-corruption-set';
export { PERTURBATION_SET_GENERATOR, writePerturbationSet } from './write-perturbation-set';
export { CODEC_CORRUPTION_NAMES, type CodecCorruptionName, H264_CRF, BIT_ERROR_RATE, isCodecCorruption, h264Crf, bitErrors } from './codec';
export { type ChunkJob, runChunk, itemRng } from './jobs';
export { type SheetOptions, corruptionSheet, perturbationSheet, videoCorruptionStrip } from './pictures';
