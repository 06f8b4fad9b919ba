import fs from 'node:fs';
import path from 'node:path';
import { downloadFix } from '../download/describe';
import { datasetRoot } from '../paths';
import { listsFolder, readClassInd, readVideoList, ucf101Layout, videosFolder } from '../ucf101/lists';
import { type VerifyCheck, type VerifyOptions, type VerifyReport, statusOf } from './report';

export function verifyUcf101(options: VerifyOptions): VerifyReport {
  const root = datasetRoot('ucf101', options);
  const lists = listsFolder(root);
  const videos = videosFolder(root);
  const official = options.official ?? true;
  const checks: VerifyCheck[] = [];
  const present: string[] = [];
  const classIndFile = path.join(lists, ucf101Layout.classInd);
  let classes: string[] | undefined;
  if (fs.existsSync(classIndFile)) {
    present.push(classIndFile);
    try {
      classes = readClassInd(classIndFile);
      const ok = !official || classes.length === ucf101Layout.classes;
      checks.push({ path: classIndFile, ok, required: true, message: `${classes.length} classes${ok ? '' : `, the official file has ${ucf101Layout.classes}`}` });
    } catch (error) {
      checks.push({ path: classIndFile, ok: false, required: true, message: (error as Error).message.replace(`${classIndFile}: `, '') });
    }
  } else {
    checks.push({ path: classIndFile, ok: false, required: true, message: 'missing: 101 lines "<index> <ClassName>"' });
  }
  const listed = new Set<string>();
  for (const fold of [1, 2, 3]) {
    for (const kind of ['train', 'test'] as const) {
      const file = path.join(lists, kind === 'train' ? ucf101Layout.trainList(fold) : ucf101Layout.testList(fold));
      const expected = ucf101Layout.splitSizes[fold][kind === 'train' ? 0 : 1];
      if (!fs.existsSync(file)) {
        checks.push({ path: file, ok: false, required: true, message: `missing: the ${kind} list of split ${fold} (${expected} videos)` });
        continue;
      }
      present.push(file);
      if (!classes) continue;
      try {
        const entries = readVideoList(file, classes, kind);
        entries.forEach((e) => listed.add(e.relative));
        const ok = !official || entries.length === expected;
        checks.push({ path: file, ok, required: true, message: `${entries.length} videos${ok ? '' : `, the official list has ${expected}`}` });
      } catch (error) {
        checks.push({ path: file, ok: false, required: true, message: (error as Error).message.replace(`${file}: `, '') });
      }
    }
  }
  if (fs.existsSync(videos)) {
    const missing = [...listed].filter((relative) => !fs.existsSync(path.join(videos, relative)));
    const found = listed.size - missing.length;
    if (found > 0) present.push(videos);
    checks.push({
      path: videos,
      ok: missing.length === 0 && listed.size > 0,
      required: true,
      absent: missing.length > 0,
      message:
        missing.length === 0
          ? `all ${listed.size} listed videos present`
          : `${missing.length} of ${listed.size} listed videos missing, e.g. ${missing.slice(0, 3).map((m) => path.join(videos, m)).join(', ')}`,
    });
  } else {
    checks.push({ path: videos, ok: false, required: true, message: `missing: the videos as ${ucf101Layout.videosFolder}/<Class>/v_<Class>_gXX_cYY.avi (13,320 files)` });
  }
  const status = statusOf(checks, present);
  return {
    name: 'ucf101',
    root,
    status,
    optional: false,
    summary: status === 'ok' ? `${root}: lists and ${listed.size} videos present` : `${root}: ${present.length} of 8 parts present (classInd, 6 lists, videos)`,
    checks,
    fix: [
      ...downloadFix('ucf101', options.env),
      `Or by hand: UCF101.rar (about 6.5 GB) and UCF101TrainTestSplits-RecognitionTask.zip from https://www.crcv.ucf.edu/data/UCF101.php`,
      `then: mkdir -p ${root} && unrar x UCF101.rar ${root}/ && unzip UCF101TrainTestSplits-RecognitionTask.zip -d ${root}/`,
      `(creates ${videos}/<Class>/*.avi and ${lists}/). Layout: datasets/ucf101/README.md.`,
    ],
  };
}
