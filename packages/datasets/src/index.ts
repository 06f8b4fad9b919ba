// The public surface of @vpixmix/datasets. Everything another package may import is exported here.
export { DatasetError, DatasetMissingError, DatasetFormatError, NpyFormatError, DatasetArgumentError } from './errors';
export {
  type DatasetInfo,
  type LabeledImage,
  type LabeledClip,
  type ImageDataset,
  type ClipDataset,
  type ClipReadOptions,
  type AnyDataset,
  type DatasetKind,
  type DatasetSuite,
  checkIndex,
} from './dataset';
export {
  workspaceRoot,
  dataRootEnv,
  datasetEnvName,
  type RootOptions,
  datasetsFolder,
  datasetRoot,
  companionName,
  oodFolder,
} from './paths';
export { InMemoryImageDataset } from './in-memory';

export { type NpyDtype, type NpyTypedArray, descrOf, parseDescr, dtypeOfArray } from './npy/dtype';
export { type NpyHeader, parseNpyHeader, encodeNpyHeader } from './npy/header';
export { type NpyExpectation, type NpyArray, readNpyHeader, readNpy, readNpyLabels, NpyFile } from './npy/read';
export { writeNpy, NpyWriter } from './npy/write';

export { CIFAR_SIZE, type CifarBatch, type CifarRecord, cifarRecordLayout, readCifarBinary, encodeCifarBinary, writeCifarBinary } from './cifar/binary';
export { type Split, cifarLayouts, type CifarName, cifarFolder, type CifarOptions, type Cifar100Options, openCifar10, openCifar100 } from './cifar/cifar';
export { cifar10ClassNames, cifar100FineNames, cifar100CoarseNames } from './cifar/class-names';

export { benchmarkCorruptions, extraCorruptions, benchmarkPerturbations, noisePerturbations, SEVERITIES } from './companions/names';
export {
  companionLayout,
  corruptionLayoutText,
  perturbationLayoutText,
  type CompanionMeta,
  corruptionFileShape,
  perturbationFileShape,
  writeCompanionMeta,
  readCompanionMeta,
  listCompanionFiles,
} from './companions/layout';
export { type CompanionOpenOptions, CorruptionSet, defaultClassNames } from './companions/corruption-set';
export { type PerturbationSequence, type SequenceDataset, PerturbationSet } from './companions/perturbation-set';

export { GeneratedImageDataset } from './synthetic/generated';
export { GeneratedClipDataset } from './synthetic/generated-clips';
export { shapeTests, shapeClasses, heldOutShapes, motionObjects, type InsideTest } from './synthetic/shape-library';
export { type ShapesOptions, shapesDefaults, renderShape, openShapes, openShapesHeldOut } from './synthetic/shapes';
export { motionClasses, heldOutMotions, type MotionOptions, motionDefaults, trajectory, renderMotion, openMotion, openMotionHeldOut } from './synthetic/motion';
export { noiseKinds, type NoiseKind, noisePicture, noiseRng, type NoiseSetOptions, noiseDefaultSeed, openNoiseImages, openNoiseClips } from './synthetic/noise';

export { type Sample, type AugmentStreams, type Augmenter, type AugmentFn, inlineAugmenter } from './pipeline/augmenter';
export { type InputScale, type HostBatch, writeSample, writeTargets } from './pipeline/assemble';
export { subsetDataset, randomSubset } from './pipeline/subset';
export { type PipelineOptions, type PipelineStats, type TensorBatch, Pipeline, createPipeline } from './pipeline/pipeline';

export { resizeShorterAndCenterCrop, resizeStretch, centerCrop } from './folders/resize';
export { type ImageFolderOptions, imageFolderLayout, ImageFolderDataset } from './folders/image-folder';

export { ucf101Layout, classIndLayout, trainListLayout, testListLayout, type ListedVideo, readClassInd, readVideoList, listsFolder, videosFolder } from './ucf101/lists';
export { type Ucf101Options, type SkippedVideo, Ucf101Dataset } from './ucf101/ucf101';
export { type Ucf101FixtureOptions, ucf101Stem, writeUcf101Fixture } from './fixtures/ucf101-fixture';

export { type OpenOptions } from './registry/options';
export { defaultOodLength, noiseCompanions, folderCompanions } from './registry/ood';
export { type DatasetEntry, datasetRegistry, registerDataset, allDatasets, getDataset, openDatasetSuite, openCorruptions, openPerturbations } from './registry/registry';

export { type VerifyStatus, type VerifyCheck, type VerifyReport, type VerifyOptions, md5File, readChecksumList, formatReport } from './verify/report';
export { verifiers, verifyDataset, verifyAll, verificationFails } from './verify/verify';
export { type CifarFixtureOptions, writeCifarFixture } from './fixtures/cifar-fixture';
export { writeCorruptionFixture, writePerturbationFixture } from './fixtures/companion-fixture';
export { type PixmixAugmenterOptions, pixmixAugmenter, naivePixmixClipAugmenter } from './pipeline/pixmix-augmenter';

export * from './corruption-sets';

export { type ArchiveFormat, type ArchiveSource, type DatasetSource, datasetSources, downloadableNames, recordedBytes } from './download/catalog';
export { readCatalogFile } from './download/catalog-file';
export {
  DownloadError,
  HttpStatusError,
  DownloadNetworkError,
  ChecksumMismatchError,
  SizeMismatchError,
  UnexpectedContentError,
  UnsafeArchiveEntryError,
  DownloadSetupError,
} from './download/errors';
export { proxyFor, bypassesProxy } from './download/proxy';
export { type FetchProgress, type FetchOptions, fetchToFile } from './download/fetch-file';
export { type DigestAlgorithm, type ChecksumResult, digestFile, checkArchive } from './download/checksum';
export { formatBytes, formatDuration, progressLine, ProgressPrinter } from './download/progress';
export { CountProgress, type CountEvent, type LineSink } from './progress/count-progress';
export { describeArchive, describeSource, downloadFix } from './download/describe';
export { extractArchive } from './download/extract/extract';
export { type DownloadOptions, type DownloadResult, downloadDataset } from './download/download-dataset';
export { pixmixMixingLayout } from './verify/verify-mixing';
export { type ServeBehaviour, type ServedRequest, ArchiveServer } from './fixtures/archive-server';
export { type RarEntry, encodeRar, rarEntriesOf, writeRarOfFolder } from './fixtures/rar-fixture';
export { packTar, writeCifarArchive, writeCorruptionArchive } from './fixtures/archive-fixtures';
