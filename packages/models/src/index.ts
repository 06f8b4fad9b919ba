// The public surface of @vpixmix/models. Everything another package may import is exported here.
export { ModelConfigError, TrainConfigError, CheckpointError } from './errors';
export { deriveSeed } from './seeds';

// Models by name.
export { createModel, resolveModel, listModels, countTrainableParams, type ModelOptions, type ModelSpec } from './registry';
export { buildWideResNet, type WideResNetConfig } from './architectures/wide-resnet';
export { buildResNet3D, type ResNet3DConfig } from './architectures/resnet3d';
export { type LinearInit } from './architectures/init';
export {
  BatchNorm,
  SeededDropout,
  DropoutSeedError,
  ZeroPadding3D,
  GlobalAveragePooling3D,
  type BatchNormArgs,
  type SeededDropoutArgs,
  type ZeroPadding3DArgs,
  type Padding3D,
  InputNormalization,
  KINETICS_NORMALIZATION,
  IMAGENET_NORMALIZATION,
  type InputNormalizationArgs,
} from './layers';
export { logitsFunction, predictLogits } from './inference';

// Training.
export { SgdOptimizer, type SgdOptions, type NamedVariable } from './training/sgd';
export { learningRateAt, type LrSchedule } from './training/schedule';
export { softCrossEntropy, jsdConsistency, labelDistribution } from './training/losses';
export {
  createTrainStep,
  readStepResults,
  trainableParameters,
  type Batch,
  type JsdOptions,
  type PendingStep,
  type StepResult,
} from './training/train-step';
export {
  train,
  defaultReadEverySteps,
  TrainingDivergedError,
  type TrainData,
  type TrainOptions,
  type TrainResult,
  type EpochSummary,
} from './training/train';
export { TrainingProgress, formatProgressLine, formatDuration, type ProgressRecord, type ProgressOptions } from './training/progress';

// Checkpoints and saved models.
export {
  saveCheckpoint,
  readCheckpoint,
  restoreCheckpoint,
  restoreWeights,
  loadCheckpointModel,
  type TrainingPosition,
  type CheckpointContents,
} from './checkpoint/checkpoint';
export { saveModel, loadModel } from './checkpoint/model-io';
export { writeTensorFile, readTensorFile, TORCH_CONVERTER, type StoredTensor, type TensorFile } from './checkpoint/tensor-file';
export { loadTorchStateDict, toTorchStateDict, torchKeyOf, type TorchLoadReport } from './checkpoint/torch-state-dict';
