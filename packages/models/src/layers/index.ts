// Importing this module registers every custom layer with tfjs's serialization map.
export { BatchNorm, type BatchNormArgs } from './batch-norm';
export { SeededDropout, DropoutSeedError, type SeededDropoutArgs } from './seeded-dropout';
export { ZeroPadding3D, type Padding3D, type ZeroPadding3DArgs } from './zero-padding-3d';
export { GlobalAveragePooling3D } from './global-average-pooling-3d';
export { InputNormalization, IMAGENET_NORMALIZATION, KINETICS_NORMALIZATION, type InputNormalizationArgs } from './input-normalization';
