import fs from 'node:fs';
import path from 'node:path';
import { type RootOptions, datasetRoot, datasetsFolder } from '../paths';
import type { VerifyReport } from '../verify/report';
import { verifiers, verifyDataset } from '../verify/verify';
import { type ArchiveFetchOptions, obtainArchive } from './archive-file';
import { type DatasetSource, datasetSources } from './catalog';
import type { ChecksumResult } from './checksum';
import { DownloadError, DownloadSetupError } from './errors';
import { extractArchive } from './extract/extract';
import { acquireLock, removeStaleFolders, stagingFolder } from './staging';

export interface DownloadOptions extends RootOptions, Omit<ArchiveFetchOptions, 'env'> {
  /** The table to download from (default: the built-in one; `readCatalogFile` adds to it). */
  readonly sources?: Readonly<Record<string, DatasetSource>>;
  /** Where archives are kept while downloading (default `<datasets folder>/.downloads`). */
  readonly archives?: string;
  /** Keep the archives after a successful install (default: delete them). */
  readonly keepArchives?: boolean;
  /** Download and replace even when the set is already there (broken or not). */
  readonly force?: boolean;
  /** Hold the unpacked set to the official counts (default true); false for subsets and fixtures. */
  readonly official?: boolean;
}

export interface DownloadResult {
  readonly name: string;
  readonly root: string;
  readonly outcome: 'installed' | 'already-present';
  /** `datasets verify` of the installed set (undefined for a catalog set no verifier knows). */
  readonly report?: VerifyReport;
  readonly archives: readonly { file: string; checksums: readonly ChecksumResult[] }[];
}

function verifyIfKnown(name: string, root: string, options: DownloadOptions): VerifyReport | undefined {
  if (!verifiers[name] && !/-(c|p)$/.test(name)) return undefined;
  return verifyDataset(name, { root, env: options.env, official: options.official ?? true });
}

function firstProblem(report: VerifyReport | undefined): string {
  const check = report?.checks.find((c) => !c.ok && c.required);
  return check ? ` (${check.path}: ${check.message})` : '';
}

/**
 * Downloads data set `name` from the table, checks every archive's checksum, unpacks into a
 * hidden staging folder inside the set's folder, verifies the unpacked set, and only then
 * moves its top-level folders into place, one rename each. A set is never seen half there:
 * until the last rename `datasets verify` reports it missing or incomplete, never ok.
 */
export async function downloadDataset(name: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const sources = options.sources ?? datasetSources;
  const source = sources[name];
  if (!source) throw new DownloadSetupError(`unknown data set '${name}' to download; known: ${Object.keys(sources).join(', ')}.`);
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const root = datasetRoot(name, { root: options.root, env });
  const archivesDir = path.resolve(options.archives ?? path.join(datasetsFolder(env), '.downloads'));
  log(`${name}: ${source.title} -> ${root}`);

  const before = verifyIfKnown(name, root, options);
  const present = source.provides.filter((p) => fs.existsSync(path.join(root, p)));
  if (!options.force && present.length === source.provides.length && (before === undefined || before.status === 'ok')) {
    log(`${name}: already there${before ? ` and verified (${before.summary})` : ''}; nothing downloaded. --force downloads it again.`);
    return { name, root, outcome: 'already-present', report: before, archives: [] };
  }
  if (!options.force && present.length > 0) {
    throw new DownloadSetupError(
      `${path.join(root, present[0])} is already there, but verify says ${before?.status.toUpperCase() ?? 'the set is incomplete'}${firstProblem(before)}. ` +
        `Rerun with --force to replace it (the old copy is removed only once the new one is in place), or move it away.`,
    );
  }

  fs.mkdirSync(archivesDir, { recursive: true });
  const release = acquireLock(archivesDir, name);
  try {
    const obtained: { file: string; checksums: ChecksumResult[] }[] = [];
    for (const archive of source.archives) obtained.push(await obtainArchive(archive, archivesDir, { ...options, env }));

    fs.mkdirSync(root, { recursive: true });
    removeStaleFolders(root);
    const staging = stagingFolder(root);
    try {
      fs.mkdirSync(staging);
      for (let i = 0; i < source.archives.length; i++) {
        const archive = source.archives[i];
        log(`  ${archive.file}: unpacking (${archive.format})`);
        const entries = await extractArchive(obtained[i].file, archive.format, staging);
        log(`  ${archive.file}: ${entries.toLocaleString('en')} entries unpacked`);
      }
      const found = fs.readdirSync(staging);
      const absent = source.provides.filter((p) => !found.includes(p));
      if (absent.length > 0) {
        throw new DownloadError(`${name}: the archives unpack to ${found.join(', ') || 'nothing'}, not ${absent.join(', ')}: not the expected layout. Nothing was installed; the archives are in ${archivesDir}.`);
      }
      const staged = verifyIfKnown(name, staging, options);
      if (staged && staged.status !== 'ok') {
        throw new DownloadError(
          `${name}: unpacked, but verify says ${staged.status.toUpperCase()}${firstProblem(staged)}. Nothing was installed; the archives are in ${archivesDir}.` +
            (options.official === false ? '' : ' A subset or fixture in the official layout installs with --lenient.'),
        );
      }
      install(root, staging, source.provides, log);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
    if (!options.keepArchives) {
      for (const { file } of obtained) fs.rmSync(file, { force: true });
      log(`  archives deleted (--keep-archives keeps them in ${archivesDir})`);
    }
    const after = verifyIfKnown(name, root, options);
    log(`${name}: installed ${source.provides.map((p) => path.join(root, p)).join(', ')}${after ? `; verify: ${after.status} (${after.summary})` : ''}`);
    return { name, root, outcome: 'installed', report: after, archives: obtained };
  } finally {
    release();
  }
}

/** Moves each staged folder into the set's folder with one rename; an old copy is set aside first and deleted last. */
function install(root: string, staging: string, provides: readonly string[], log: (line: string) => void): void {
  const replaced: string[] = [];
  for (const entry of provides) {
    const target = path.join(root, entry);
    if (fs.existsSync(target)) {
      const aside = path.join(root, `.vpixmix-replaced.${process.pid}.${entry}`);
      fs.renameSync(target, aside);
      replaced.push(aside);
      log(`  ${target}: replacing the old copy`);
    }
    fs.renameSync(path.join(staging, entry), target);
  }
  for (const old of replaced) fs.rmSync(old, { recursive: true, force: true });
}
