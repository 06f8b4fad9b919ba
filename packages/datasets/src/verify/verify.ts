import fs from 'node:fs';
import path from 'node:path';
import { ImageFolderDataset } from '../folders/image-folder';
import { datasetsFolder, oodFolder } from '../paths';
import { type VerifyCheck, type VerifyOptions, type VerifyReport, statusOf } from './report';
import { verifyCifar } from './verify-cifar';
import { verifyGeneratedCompanion, verifyPublishedCorruptions, verifyPublishedPerturbations } from './verify-companions';
import { verifyPixmixMixing } from './verify-mixing';
import { verifyUcf101 } from './verify-ucf101';
import { DatasetArgumentError } from '../errors';
import { workspaceRoot } from '../paths';

function embedded(name: string, summary: string): VerifyReport {
  return { name, root: '(generated from a seed)', status: 'embedded', optional: false, summary, checks: [], fix: [] };
}

/** Image folders under datasets/ood/: each must hold at least one readable picture. */
function verifyOodFolders(options: VerifyOptions): VerifyReport {
  const root = oodFolder(options.env);
  if (!fs.existsSync(root)) {
    return {
      name: 'ood',
      root,
      status: 'missing',
      optional: true,
      summary: `${root}: no image folders for anomaly detection (Gaussian, Rademacher and Blobs need none)`,
      checks: [],
      fix: [`Optional: put image folders there, one per set: ${root}/<set>/<class>/*.png|jpg (e.g. Textures, Places365, SVHN as pictures)`],
    };
  }
  const checks: VerifyCheck[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(root, entry.name);
    try {
      const set = ImageFolderDataset.open(folder, { width: 32, height: 32 });
      const skipped = set.skipped.length ? `; ${set.skipped.length} files skipped (${set.skipped[0].path}: ${set.skipped[0].reason})` : '';
      checks.push({ path: folder, ok: true, required: false, message: `${set.length} pictures in ${set.numClasses} classes${skipped}` });
    } catch (error) {
      checks.push({ path: folder, ok: false, required: false, message: (error as Error).message });
    }
  }
  const present = checks.map((c) => c.path);
  return {
    name: 'ood',
    root,
    status: statusOf(checks, present),
    optional: true,
    summary: `${root}: ${checks.filter((c) => c.ok).length} image folder sets (${checks.map((c) => path.basename(c.path)).join(', ') || 'none'})`,
    checks,
    fix: [`Each set: ${root}/<set>/<class>/*.png|jpg, or the pictures directly in ${root}/<set>/`],
  };
}

type Verifier = (options: VerifyOptions, checksumsFolder: string) => VerifyReport;

/** Every name `vpixmix datasets verify` knows, in the order it reports them. */
export const verifiers: Readonly<Record<string, Verifier>> = {
  shapes: () => embedded('shapes', '10 classes of 32x32 shapes, generated from a seed; nothing to download'),
  motion: () => embedded('motion', '10 classes of 8x32x32 motion clips, generated from a seed; nothing to download'),
  cifar10: (o, c) => verifyCifar('cifar10', o, c),
  cifar100: (o, c) => verifyCifar('cifar100', o, c),
  'cifar10-c': (o, c) => verifyPublishedCorruptions('cifar10', o, c),
  'cifar100-c': (o, c) => verifyPublishedCorruptions('cifar100', o, c),
  'cifar10-p': (o) => verifyPublishedPerturbations('cifar10', o),
  'cifar100-p': (o) => verifyPublishedPerturbations('cifar100', o),
  ucf101: (o) => verifyUcf101(o),
  'shapes-c': (o) => verifyGeneratedCompanion('shapes', 'c', o),
  'shapes-p': (o) => verifyGeneratedCompanion('shapes', 'p', o),
  'motion-c': (o) => verifyGeneratedCompanion('motion', 'c', o),
  'motion-p': (o) => verifyGeneratedCompanion('motion', 'p', o),
  'ucf101-c': (o) => verifyGeneratedCompanion('ucf101', 'c', o),
  'ucf101-p': (o) => verifyGeneratedCompanion('ucf101', 'p', o),
  ood: (o) => verifyOodFolders(o),
  'pixmix-mixing': (o) => verifyPixmixMixing(o),
};

/** Checks one data set (or companion): what is there, what is missing, where it should go. */
export function verifyDataset(name: string, options: VerifyOptions = {}): VerifyReport {
  const verifier = verifiers[name];
  if (!verifier) {
    // Any other '<set>-c' / '<set>-p' folder is a generated companion.
    const match = /^(.+)-(c|p)$/.exec(name);
    if (match) return verifyGeneratedCompanion(match[1], match[2] as 'c' | 'p', options);
    throw new DatasetArgumentError('dataset', `unknown data set '${name}'; known: ${Object.keys(verifiers).join(', ')}, or any <set>-c / <set>-p`);
  }
  return verifier(options, options.checksumsFolder ?? path.join(workspaceRoot, 'datasets'));
}

/** Every known set, plus any other -c/-p folder found in the datasets folder. */
export function verifyAll(options: VerifyOptions = {}): VerifyReport[] {
  const names = Object.keys(verifiers);
  const folder = datasetsFolder(options.env);
  if (fs.existsSync(folder)) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && /-(c|p)$/.test(entry.name) && !names.includes(entry.name)) names.push(entry.name);
    }
  }
  return names.map((name) => verifyDataset(name, { ...options, root: undefined }));
}

/** Exit status of a verification: failing when a present set is broken, or a set asked for by name is not usable. */
export function verificationFails(reports: readonly VerifyReport[], named: boolean): boolean {
  return reports.some((r) => r.status === 'invalid' || (r.status === 'incomplete' && !r.optional) || (named && r.status !== 'ok' && r.status !== 'embedded'));
}
