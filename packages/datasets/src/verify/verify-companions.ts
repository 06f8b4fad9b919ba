import fs from 'node:fs';
import path from 'node:path';
import { SEVERITIES, benchmarkCorruptions, benchmarkPerturbations, extraCorruptions } from '../companions/names';
import { companionLayout, listCompanionFiles } from '../companions/layout';
import { readNpyHeader } from '../npy/read';
import { datasetSources } from '../download/catalog';
import { describeArchive, downloadFix } from '../download/describe';
import { datasetRoot } from '../paths';
import { type VerifyCheck, type VerifyOptions, type VerifyReport, checksumChecks, statusOf } from './report';

function headerCheck(file: string, test: (shape: readonly number[]) => boolean, want: string, required: boolean): VerifyCheck {
  if (!fs.existsSync(file)) return { path: file, ok: false, required, message: `missing: expected ${want}` };
  try {
    const header = readNpyHeader(file, { dtype: 'uint8', layout: want });
    const ok = test(header.shape);
    return { path: file, ok, required, message: ok ? `uint8 (${header.shape.join(', ')})` : `shape (${header.shape.join(', ')}), expected ${want}` };
  } catch (error) {
    return { path: file, ok: false, required, message: (error as Error).message.replace(`${file}: `, '') };
  }
}

function labelsCheck(file: string, length: number | undefined, required: boolean): VerifyCheck {
  if (!fs.existsSync(file)) return { path: file, ok: !required, required, message: required ? `missing: expected integer labels (${length ?? 'N'},)` : 'absent (optional)' };
  try {
    const header = readNpyHeader(file, { layout: 'integer labels' });
    const ok = header.shape.length === 1 && (length === undefined || header.shape[0] === length) && !header.dtype.startsWith('float');
    return { path: file, ok, required, message: ok ? `${header.dtype} (${header.shape.join(', ')})` : `${header.dtype} (${header.shape.join(', ')}), expected integer labels (${length ?? 'N'},)` };
  } catch (error) {
    return { path: file, ok: false, required, message: (error as Error).message.replace(`${file}: `, '') };
  }
}

/** The published CIFAR-10-C / CIFAR-100-C: 15 benchmark corruptions required, 4 extras optional, labels (50000,). */
export function verifyPublishedCorruptions(base: 'cifar10' | 'cifar100', options: VerifyOptions, checksumsFolder: string): VerifyReport {
  const name = `${base}-c`;
  const root = datasetRoot(name, options);
  const folder = fs.existsSync(root) ? listCompanionFiles(root).folder : root;
  const official = options.official ?? true;
  // Lenient (subsets, fixtures): any 5N rows, the same in every file.
  let rows: number | undefined = official ? 10000 * SEVERITIES : undefined;
  const want = official ? `uint8 (${rows}, 32, 32, 3): severities 1-5 of the 10,000 test images` : 'uint8 (5N, 32, 32, 3), the same 5N in every file';
  const test = (s: readonly number[]) => s.length === 4 && s[0] > 0 && s[0] % SEVERITIES === 0 && (rows ??= s[0]) === s[0] && s[1] === 32 && s[2] === 32 && s[3] === 3;
  const checks = [
    ...benchmarkCorruptions.map((c) => headerCheck(companionLayout.dataFile(folder, c), test, want, true)),
    ...extraCorruptions.map((c) => headerCheck(companionLayout.dataFile(folder, c), test, want, false)),
  ];
  checks.push(labelsCheck(companionLayout.labelsFile(folder), rows, true));
  if (options.checksums) checks.push(...checksumChecks(name, folder, checksumsFolder));
  const present = checks.filter((c) => fs.existsSync(c.path)).map((c) => c.path);
  const archive = datasetSources[name].archives[0];
  const status = statusOf(checks, present);
  return {
    name,
    root,
    status,
    optional: false,
    summary: `${folder}: ${checks.filter((c) => c.ok && c.path.endsWith('.npy') && !c.path.endsWith('labels.npy')).length} of ${benchmarkCorruptions.length + extraCorruptions.length} corruption files valid`,
    checks,
    fix: [
      ...downloadFix(name, options.env),
      `Or by hand: ${describeArchive(archive)} from ${archive.page},`,
      `then: mkdir -p ${root} && tar -xf ${archive.file} -C ${root}   (the nested ${archive.file.replace('.tar', '')}/ folder is accepted)`,
      `Or generate an equivalent set: npx vpixmix corrupt --dataset ${base} --out ${root}`,
    ],
  };
}

/** The published CIFAR-10-P / CIFAR-100-P: the 10 benchmark perturbations, (10000, S, 32, 32, 3) each. */
export function verifyPublishedPerturbations(base: 'cifar10' | 'cifar100', options: VerifyOptions): VerifyReport {
  const name = `${base}-p`;
  const root = datasetRoot(name, options);
  const folder = fs.existsSync(root) ? listCompanionFiles(root).folder : root;
  const official = options.official ?? true;
  const want = official ? 'uint8 (10000, S, 32, 32, 3): S steps of each of the 10,000 test images' : 'uint8 (N, S, 32, 32, 3)';
  const test = (s: readonly number[]) => s.length === 5 && (official ? s[0] === 10000 : s[0] > 0) && s[2] === 32 && s[3] === 32 && s[4] === 3;
  const checks = benchmarkPerturbations.map((p) => headerCheck(companionLayout.dataFile(folder, p), test, want, true));
  const present = checks.filter((c) => fs.existsSync(c.path)).map((c) => c.path);
  const archive = datasetSources[name].archives[0];
  const status = statusOf(checks, present);
  return {
    name,
    root,
    status,
    optional: false,
    summary: `${folder}: ${checks.filter((c) => c.ok).length} of ${benchmarkPerturbations.length} benchmark perturbations valid`,
    checks,
    fix: [
      ...downloadFix(name, options.env),
      ...(archive.url ? [`Or by hand: ${describeArchive(archive)} from ${archive.page},`, `then: mkdir -p ${root} && tar -xf ${archive.file} -C ${root}`] : []),
      `Or generate an equivalent set: npx vpixmix corrupt --dataset ${base} --perturb --out ${root}`,
    ],
  };
}

/** A generated -C or -P set (`vpixmix corrupt` output) for any data set: every file opens and agrees in shape. */
export function verifyGeneratedCompanion(base: string, kind: 'c' | 'p', options: VerifyOptions): VerifyReport {
  const name = `${base}-${kind}`;
  const root = datasetRoot(name, options);
  const command = `npx vpixmix corrupt --dataset ${base}${kind === 'p' ? ' --perturb' : ''} --out ${root}`;
  if (!fs.existsSync(root)) {
    return { name, root, status: 'missing', optional: true, summary: `${root}: not generated yet`, checks: [], fix: [`Generate it: ${command}`] };
  }
  const { folder, names } = listCompanionFiles(root);
  const checks: VerifyCheck[] = [];
  let reference: readonly number[] | undefined;
  for (const entry of names) {
    const file = companionLayout.dataFile(folder, entry);
    const check = headerCheck(
      file,
      (shape) => {
        reference ??= shape;
        const rankOk = kind === 'c' ? shape.length === 4 || shape.length === 5 : shape.length === 5 || shape.length === 6;
        const sizeOk = kind === 'c' ? shape[0] % SEVERITIES === 0 && shape[0] === reference[0] : shape[0] === reference[0];
        return rankOk && sizeOk && shape[shape.length - 1] === 3 && shape.slice(-3).join() === reference.slice(-3).join();
      },
      kind === 'c' ? 'uint8 (5N, [T,] H, W, 3), the same N and size in every file' : 'uint8 (N, S, [T,] H, W, 3), the same N and size in every file',
      true,
    );
    checks.push(check);
  }
  const labelsRows = reference ? reference[0] : undefined;
  checks.push(labelsCheck(companionLayout.labelsFile(folder), labelsRows, kind === 'c'));
  const present = names.map((n) => companionLayout.dataFile(folder, n));
  const status = names.length === 0 ? 'missing' : statusOf(checks, present);
  return {
    name,
    root,
    status,
    optional: true,
    summary: `${folder}: ${names.length} ${kind === 'c' ? 'corruption' : 'perturbation'} files${reference ? `, (${reference.join(', ')}) each` : ''}`,
    checks,
    fix: [`Regenerate it: ${command}`],
  };
}

export function companionFolderExists(name: string, options: VerifyOptions): boolean {
  return fs.existsSync(path.join(datasetRoot(name, options)));
}
