export { type StandardParams, sampleStandard, applyStandard, standardAugment } from './standard';
export { type CutoutConfig, type CutoutParams, CUTOUT_CIFAR, sampleCutout, applyCutout, cutout } from './cutout';
export { type MixupParams, type MixedBatch, sampleMixup, applyMixup, mixup } from './mixup';
export { type CutmixParams, sampleCutmix, applyCutmix, cutmix } from './cutmix';
export { type AutoAugmentParams, AUTOAUGMENT_CIFAR10, sampleAutoAugment, applyAutoAugment, autoAugment, applyOpChain } from './autoaugment';
export { type AugmixConfig, type AugmixParams, AUGMIX_CIFAR, sampleAugmix, applyAugmix, augmix } from './augmix';
export { oneHot, mixLabels } from './labels';
