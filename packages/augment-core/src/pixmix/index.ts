export { type PixmixConfig, PIXMIX_CIFAR, PIXMIX_IMAGENET, pixmixConfig } from './config';
export { type PixmixRecord, type PixmixRound } from './record';
export { MIXING_NAMES, type MixingName, type MixOperand, mixInto, U8_TO_FLOAT } from './mixings';
export { samplePixmix, sampleAugment, sampleRound, sampleWeights, type SampleOptions } from './sample';
export { pixmix, replayPixmix, applyPixmixRecord, checkRecord, type PixmixResult } from './pixmix';
