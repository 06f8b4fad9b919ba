import fs from 'node:fs';
import path from 'node:path';
import { DatasetArgumentError, DatasetFormatError, DatasetMissingError } from '../errors';

/** The official split files, as UCF101TrainTestSplits-RecognitionTask.zip unpacks. */
export const ucf101Layout = {
  listsFolder: 'ucfTrainTestlist',
  videosFolder: 'UCF-101',
  classInd: 'classInd.txt',
  trainList: (fold: number) => `trainlist0${fold}.txt`,
  testList: (fold: number) => `testlist0${fold}.txt`,
  classes: 101,
  videos: 13320,
  /** Videos per official split (train, test). */
  splitSizes: { 1: [9537, 3783], 2: [9586, 3734], 3: [9624, 3696] } as Record<number, [number, number]>,
};

export const classIndLayout = "one line per class, '<1-based index> <ClassName>' (e.g. '1 ApplyEyeMakeup')";
export const trainListLayout = "one line per video, '<ClassFolder>/<file>.avi <1-based class index>'";
export const testListLayout = "one line per video, '<ClassFolder>/<file>.avi'";

export interface ListedVideo {
  /** As written in the list: 'ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi'. */
  readonly relative: string;
  /** 0-based class index. */
  readonly label: number;
}

function lines(file: string, layout: string): string[] {
  if (!fs.existsSync(file)) throw new DatasetMissingError(file, layout, `It comes in UCF101TrainTestSplits-RecognitionTask.zip: 'npx vpixmix datasets download ucf101' fetches it; see datasets/ucf101/README.md.`);
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** classInd.txt: class names in label order (the file is 1-based). */
export function readClassInd(file: string): string[] {
  const names: string[] = [];
  lines(file, classIndLayout).forEach((line, i) => {
    const match = /^(\d+)\s+(\S+)$/.exec(line);
    if (!match) throw new DatasetFormatError(file, classIndLayout, `line ${i + 1}: '${line}'`);
    const index = Number(match[1]);
    if (index !== names.length + 1) throw new DatasetFormatError(file, `${classIndLayout}, numbered 1, 2, 3, ... in order`, `index ${index} on line ${i + 1}`);
    names.push(match[2]);
  });
  return names;
}

/**
 * A train or test list. The class comes from the folder in the path (the file stem can
 * differ: HandstandPushups/v_HandStandPushups_g01_c01.avi); a train list's own label must
 * agree with it.
 */
export function readVideoList(file: string, classNames: readonly string[], kind: 'train' | 'test'): ListedVideo[] {
  const byName = new Map(classNames.map((name, i) => [name, i]));
  const layout = kind === 'train' ? trainListLayout : testListLayout;
  return lines(file, layout).map((line, i) => {
    const [relative, labelText, ...rest] = line.split(/\s+/);
    const folder = relative.split('/')[0];
    const label = byName.get(folder);
    if (rest.length > 0 || !relative.includes('/') || (kind === 'train' && labelText === undefined)) {
      throw new DatasetFormatError(file, layout, `line ${i + 1}: '${line}'`);
    }
    if (label === undefined) throw new DatasetFormatError(file, `class folders named in classInd.txt`, `'${folder}' on line ${i + 1}`);
    if (labelText !== undefined && Number(labelText) !== label + 1) {
      throw new DatasetFormatError(file, `the label of '${folder}' (${label + 1} in classInd.txt)`, `${labelText} on line ${i + 1}`);
    }
    return { relative, label };
  });
}

export function checkFold(fold: number): void {
  if (fold !== 1 && fold !== 2 && fold !== 3) throw new DatasetArgumentError('fold', `UCF101 has official splits 1, 2 and 3; got ${fold}`);
}

/** The lists folder: `<root>/ucfTrainTestlist`. */
export function listsFolder(root: string): string {
  return path.join(root, ucf101Layout.listsFolder);
}

/** The videos folder: `<root>/UCF-101` (as UCF101.rar unpacks). */
export function videosFolder(root: string): string {
  return path.join(root, ucf101Layout.videosFolder);
}
