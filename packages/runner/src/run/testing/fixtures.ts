import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORRUPTION_NAMES, PERTURBATION_NAMES } from '@vpixmix/corruptions';
import { openCifar10, openCifar100, writeCifarFixture, writeCorruptionFixture, writePerturbationFixture, writeUcf101Fixture } from '@vpixmix/datasets';

/** A fresh temporary folder. */
export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(tmpdir(), `vpixmix-${prefix}-`));
}

/**
 * A datasets folder holding CIFAR-10 and CIFAR-100 in the real binary layout, with -C and -P
 * folders in the published .npy layout (stand-in content), as the cifar recipes read them.
 */
export async function writeCifarDatasets(root: string, options: { test?: number; trainPerFile?: number } = {}): Promise<void> {
  const test = options.test ?? 16;
  const trainPerFile = options.trainPerFile ?? 8;
  for (const name of ['cifar10', 'cifar100'] as const) {
    const folder = path.join(root, name);
    writeCifarFixture(name, folder, { test, trainPerFile: name === 'cifar10' ? trainPerFile : trainPerFile * 5 });
    const testSet = name === 'cifar10' ? openCifar10({ root: folder, split: 'test' }) : openCifar100({ root: folder, split: 'test' });
    await writeCorruptionFixture(path.join(root, `${name}-c`), testSet, { names: CORRUPTION_NAMES, count: test });
    await writePerturbationFixture(path.join(root, `${name}-p`), testSet, { names: PERTURBATION_NAMES, count: test, steps: 4 });
  }
}

/** A datasets folder holding a small UCF101 tree (ffmpeg-made videos, the official list files). */
export async function writeUcf101Datasets(root: string): Promise<void> {
  await writeUcf101Fixture(path.join(root, 'ucf101'), { groupsPerClass: 3, frames: 12, width: 40, height: 30 });
}

/** Sets environment variables for the duration of `work`, restoring them afterwards. */
export async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
