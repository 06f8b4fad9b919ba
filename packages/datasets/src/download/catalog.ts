/**
 * Where every downloadable data set comes from: URLs, sizes and checksums in one table.
 * `vpixmix datasets download` fetches from it and `vpixmix datasets verify` quotes it in
 * its fixes, so the two never disagree.
 */

export type ArchiveFormat = 'tar' | 'tar.gz' | 'zip' | 'rar';

export interface ArchiveSource {
  /** The archive's file name (also the name fetched from a --mirror). */
  readonly file: string;
  readonly format: ArchiveFormat;
  /** Direct download URL; undefined when the publisher offers none (see `manual`). */
  readonly url?: string;
  /** Where a person finds it (the publisher's page). */
  readonly page: string;
  /** Exact size in bytes, where a published record gives it. */
  readonly bytes?: number;
  /** Lower-case hex digests; at least one where the publisher or a record gives one. */
  readonly md5?: string;
  readonly sha256?: string;
  /** What is known of the size when no exact one is recorded (for listings and the README). */
  readonly approxSize?: string;
  /** Who records the size and checksum (the publisher, or a third party). */
  readonly recordedBy?: string;
  /** How to get the file when there is no direct URL. */
  readonly manual?: string;
}

export interface DatasetSource {
  readonly name: string;
  readonly title: string;
  readonly archives: readonly ArchiveSource[];
  /**
   * The top-level folders the archives unpack to, in the order they are moved into the data
   * set folder (the last one completes the set, so a set is never seen ready before it is).
   */
  readonly provides: readonly string[];
  /** Not needed by any recipe unless asked for (the PixMix mixing pictures). */
  readonly optional?: boolean;
}

const toronto = 'https://www.cs.toronto.edu/~kriz/cifar.html';
const zenodoC10 = 'https://zenodo.org/records/2535967';
const zenodoC100 = 'https://zenodo.org/records/3555552';
const ucf = 'https://www.crcv.ucf.edu/data/UCF101.php';
const tfds = 'TensorFlow Datasets url_checksums';

export const datasetSources: Readonly<Record<string, DatasetSource>> = {
  cifar10: {
    name: 'cifar10',
    title: 'CIFAR-10, binary version',
    provides: ['cifar-10-batches-bin'],
    archives: [
      {
        file: 'cifar-10-binary.tar.gz',
        format: 'tar.gz',
        url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
        page: toronto,
        bytes: 170_052_171,
        md5: 'c32a1d4ab5d03f1284b67883e8d87530',
        sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
        recordedBy: `the authors (md5), ${tfds} (size, sha256)`,
      },
    ],
  },
  cifar100: {
    name: 'cifar100',
    title: 'CIFAR-100, binary version',
    provides: ['cifar-100-binary'],
    archives: [
      {
        file: 'cifar-100-binary.tar.gz',
        format: 'tar.gz',
        url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
        page: toronto,
        bytes: 168_513_733,
        md5: '03b5dce01913d631647c71ecec9e9cb8',
        sha256: '58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec',
        recordedBy: `the authors (md5), ${tfds} (size, sha256)`,
      },
    ],
  },
  'cifar10-c': {
    name: 'cifar10-c',
    title: 'CIFAR-10-C (19 corruptions x 5 severities)',
    provides: ['CIFAR-10-C'],
    archives: [
      {
        file: 'CIFAR-10-C.tar',
        format: 'tar',
        url: 'https://zenodo.org/records/2535967/files/CIFAR-10-C.tar?download=1',
        page: zenodoC10,
        bytes: 2_918_471_680,
        md5: '56bf5dcef84df0e2308c6dcbcbbd8499',
        sha256: 'c72763e101c723b7c507b96205f7e938912a5d587376173b825850cf3cb876a7',
        recordedBy: `Zenodo (md5), ${tfds} (size, sha256)`,
      },
    ],
  },
  'cifar100-c': {
    name: 'cifar100-c',
    title: 'CIFAR-100-C (19 corruptions x 5 severities)',
    provides: ['CIFAR-100-C'],
    archives: [
      {
        file: 'CIFAR-100-C.tar',
        format: 'tar',
        url: 'https://zenodo.org/records/3555552/files/CIFAR-100-C.tar?download=1',
        page: zenodoC100,
        bytes: 2_918_473_216,
        md5: '11f0ed0f1191edbf9fa23466ae6021d3',
        sha256: '30ee6543a1bfd049fa33834b7c1ada301e7064b7fbe8fc38340eb8b62ced4b33',
        recordedBy: `Zenodo (md5), ${tfds} (size, sha256)`,
      },
    ],
  },
  'cifar10-p': {
    name: 'cifar10-p',
    title: 'CIFAR-10-P (perturbation sequences)',
    provides: ['CIFAR-10-P'],
    archives: [
      {
        file: 'CIFAR-10-P.tar',
        format: 'tar',
        url: 'https://zenodo.org/records/2535967/files/CIFAR-10-P.tar?download=1',
        page: zenodoC10,
        md5: '125d6775afc5846ea84584d7524dedff',
        recordedBy: 'Zenodo (md5; the size is not recorded here: the server announces it)',
      },
    ],
  },
  'cifar100-p': {
    name: 'cifar100-p',
    title: 'CIFAR-100-P (perturbation sequences)',
    provides: ['CIFAR-100-P'],
    archives: [
      {
        file: 'CIFAR-100-P.tar',
        format: 'tar',
        page: 'https://github.com/hendrycks/robustness',
        manual:
          'CIFAR-100-P is published only as a Google Drive folder (https://drive.google.com/drive/folders/1Tpssw4Vn6X_4hmIW8KK5LzkKCZpAaae8, linked from https://github.com/hendrycks/robustness), with no direct file URL and no checksum',
      },
    ],
  },
  ucf101: {
    name: 'ucf101',
    title: 'UCF101 videos and the official train/test splits',
    provides: ['UCF-101', 'ucfTrainTestlist'],
    archives: [
      {
        file: 'UCF101.rar',
        format: 'rar',
        url: 'https://www.crcv.ucf.edu/data/UCF101/UCF101.rar',
        page: ucf,
        approxSize: 'about 6.5 GB',
        recordedBy: 'nobody: UCF publishes no checksum and no exact size for UCF101.rar',
      },
      {
        file: 'UCF101TrainTestSplits-RecognitionTask.zip',
        format: 'zip',
        url: 'https://www.crcv.ucf.edu/data/UCF101/UCF101TrainTestSplits-RecognitionTask.zip',
        page: ucf,
        bytes: 113_943,
        sha256: '5c0d1a53b8ed364a2ac830a73f405e51bece7d98ce1254fd19ed4a36b224bd27',
        recordedBy: tfds,
      },
    ],
  },
  'pixmix-mixing': {
    name: 'pixmix-mixing',
    title: 'The PixMix mixing set: fractals and feature visualizations (optional mixing source)',
    provides: ['fractals_and_fvis'],
    optional: true,
    archives: [
      {
        file: 'fractals_and_fvis.tar',
        format: 'tar',
        url: 'https://drive.usercontent.google.com/download?id=1qC2gIUx9ARU7zhgI4IwGD3YcFhm8J4cA&export=download&confirm=t',
        page: 'https://github.com/andyzoujm/pixmix#mixing-set',
        md5: '3619fb7e2c76130749d97913fdd3ab27',
        recordedBy: 'pytorch-ood and torch-uncertainty (md5; the size is not recorded: Google Drive announces it)',
      },
    ],
  },
};

/** Every name `datasets download` accepts, in table order. */
export const downloadableNames: readonly string[] = Object.keys(datasetSources);

/** Total bytes of a set's archives, or undefined when one of them has no recorded size. */
export function recordedBytes(source: DatasetSource): number | undefined {
  let total = 0;
  for (const archive of source.archives) {
    if (archive.bytes === undefined) return undefined;
    total += archive.bytes;
  }
  return total;
}
