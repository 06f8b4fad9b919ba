import fs from 'node:fs';
import path from 'node:path';
import { type CifarName, cifarFolder, cifarLayouts } from '../cifar/cifar';
import { describeArchive, downloadFix } from '../download/describe';
import { datasetSources } from '../download/catalog';
import { datasetRoot } from '../paths';
import { type VerifyCheck, type VerifyOptions, type VerifyReport, checksumChecks, fileSize, statusOf } from './report';

/** Label bytes of every record within range (reads the file). */
function labelProblem(file: string, recordBytes: number, labelBytes: number, maxLabel: number): string | undefined {
  const bytes = fs.readFileSync(file);
  for (let at = 0, r = 0; at < bytes.length; at += recordBytes, r++) {
    const fine = bytes[at + labelBytes - 1];
    if (fine > maxLabel || (labelBytes === 2 && bytes[at] > 19)) return `record ${r} has label byte(s) ${Array.from(bytes.subarray(at, at + labelBytes)).join(', ')}`;
  }
  return undefined;
}

export function verifyCifar(name: CifarName, options: VerifyOptions, checksumsFolder: string): VerifyReport {
  const layout = cifarLayouts[name];
  const root = datasetRoot(name, options);
  const folder = cifarFolder(name, options);
  const recordBytes = layout.labelBytes + 3072;
  const maxLabel = name === 'cifar10' ? 9 : 99;
  const checks: VerifyCheck[] = [];
  const present: string[] = [];
  const official = options.official ?? true;
  for (const file of [...layout.train, ...layout.test]) {
    const full = path.join(folder, file);
    const officialRecords = layout.records[file];
    const officialBytes = officialRecords * recordBytes;
    const size = fileSize(full);
    if (size === undefined) {
      checks.push({ path: full, ok: false, required: true, message: `missing: expected ${officialRecords.toLocaleString('en')} records of ${recordBytes} bytes (${officialBytes.toLocaleString('en')} bytes)` });
      continue;
    }
    present.push(full);
    const sizeOk = official ? size === officialBytes : size > 0 && size % recordBytes === 0;
    if (!sizeOk) {
      const expected = official ? `${officialBytes.toLocaleString('en')} (${officialRecords.toLocaleString('en')} records of ${recordBytes} bytes)` : `a whole number of ${recordBytes}-byte records`;
      checks.push({ path: full, ok: false, required: true, message: `${size.toLocaleString('en')} bytes, expected ${expected}: truncated or not this file` });
      continue;
    }
    const problem = labelProblem(full, recordBytes, layout.labelBytes, maxLabel);
    const records = (size / recordBytes).toLocaleString('en');
    checks.push(problem ? { path: full, ok: false, required: true, message: `${problem}: not a ${name} file` } : { path: full, ok: true, required: true, message: `${records} records` });
  }
  const names = path.join(folder, layout.namesFile);
  checks.push({ path: names, ok: fs.existsSync(names), required: false, message: fs.existsSync(names) ? 'class names' : 'absent: the built-in class names are used' });
  if (options.checksums) checks.push(...checksumChecks(name, root, checksumsFolder));
  const status = statusOf(checks, present);
  const archive = datasetSources[name].archives[0];
  return {
    name,
    root,
    status,
    optional: false,
    summary: status === 'ok' ? `${folder}: train and test files complete` : `${folder}: ${present.length} of ${layout.train.length + layout.test.length} files present`,
    checks,
    fix: [
      ...downloadFix(name, options.env),
      `Or by hand: ${describeArchive(archive)} from ${archive.page},`,
      `then: mkdir -p ${root} && tar -xzf ${layout.archive} -C ${root}   (creates ${path.join(root, layout.folder)}/)`,
      `Layout: datasets/${name}/README.md. Or point VPIXMIX_DATASET_${name.toUpperCase()} at a folder holding ${layout.folder}/.`,
    ],
  };
}
