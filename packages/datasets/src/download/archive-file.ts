import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveSource } from './catalog';
import { type ChecksumResult, checkArchive } from './checksum';
import { ChecksumMismatchError, DownloadSetupError } from './errors';
import { type FetchOptions, type FetchProgress, fetchToFile } from './fetch-file';

export interface ArchiveFetchOptions extends Omit<FetchOptions, 'expectedBytes' | 'onProgress'> {
  /** Base URL serving the archives under their file names (replaces the table's URLs). */
  readonly mirror?: string;
  readonly onProgress?: (file: string, progress: FetchProgress) => void;
  readonly log?: (line: string) => void;
}

/** The URL an archive is fetched from: `<mirror>/<file>`, else the table's. */
export function archiveUrl(archive: ArchiveSource, mirror?: string): string | undefined {
  if (!mirror) return archive.url;
  return new URL(encodeURIComponent(archive.file), mirror.endsWith('/') ? mirror : `${mirror}/`).href;
}

/** Moves a file aside as `<file>.bad` (or .bad-2, .bad-3, ...) and returns where it went. */
export function keepAside(file: string): string {
  let target = `${file}.bad`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.bad-${n}`;
  fs.renameSync(file, target);
  return target;
}

function checksumText(results: readonly ChecksumResult[]): string {
  return results.map((r) => (r.expected ? `${r.algorithm} ok` : `${r.algorithm} ${r.actual} (no checksum recorded: the layout check vouches for it)`)).join(', ');
}

function freeBytes(folder: string): number | undefined {
  try {
    const stats = fs.statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/**
 * Makes sure `<dir>/<archive.file>` is the published archive: reuses a complete earlier
 * download when its checksum holds, resumes a partial one, else downloads it; then checks
 * every recorded digest before anything may be extracted. A file that fails the check is
 * moved aside and named in the error.
 */
export async function obtainArchive(archive: ArchiveSource, dir: string, options: ArchiveFetchOptions): Promise<{ file: string; checksums: ChecksumResult[] }> {
  const log = options.log ?? (() => undefined);
  const file = path.join(dir, archive.file);
  fs.mkdirSync(dir, { recursive: true });
  const url = archiveUrl(archive, options.mirror);
  if (fs.existsSync(file)) {
    const checks = await checkArchive(file, archive);
    if (checks.every((c) => c.ok)) {
      log(`  ${archive.file}: already downloaded, ${checksumText(checks)}`);
      return { file, checksums: checks };
    }
    const bad = checks.find((c) => !c.ok) as ChecksumResult;
    const keptAt = keepAside(file);
    if (!url) throw new ChecksumMismatchError(file, keptAt, bad.algorithm, bad.expected as string, bad.actual, undefined);
    log(`  ${archive.file}: the copy in ${dir} has ${bad.algorithm} ${bad.actual}, not ${bad.expected}; moved it to ${keptAt} and downloading afresh`);
  }
  if (!url) {
    throw new DownloadSetupError(
      `${archive.file}: no direct download. ${archive.manual ?? `See ${archive.page}`}. Put the file at ${file} and run the command again (it is checked and unpacked from there), or give --mirror URL.`,
    );
  }
  const partBytes = fs.existsSync(`${file}.part`) ? fs.statSync(`${file}.part`).size : 0;
  const free = freeBytes(dir);
  if (archive.bytes !== undefined && free !== undefined && free < archive.bytes - partBytes) {
    throw new DownloadSetupError(`${dir}: ${free.toLocaleString('en')} bytes free, ${archive.file} needs ${(archive.bytes - partBytes).toLocaleString('en')} more. Free some space, or point --archives (or VPIXMIX_DATASETS) at a larger disk.`);
  }
  log(`  ${archive.file}: downloading ${url}${partBytes > 0 ? ` (${partBytes.toLocaleString('en')} bytes already here)` : ''}`);
  await fetchToFile(url, file, {
    ...options,
    expectedBytes: archive.bytes,
    onProgress: (progress) => options.onProgress?.(archive.file, progress),
    onNote: (note) => log(`  ${archive.file}: ${note}`),
  });
  const checks = await checkArchive(file, archive);
  const bad = checks.find((c) => !c.ok);
  if (bad) throw new ChecksumMismatchError(file, keepAside(file), bad.algorithm, bad.expected as string, bad.actual, url);
  log(`  ${archive.file}: ${fs.statSync(file).size.toLocaleString('en')} bytes, ${checksumText(checks)}`);
  return { file, checksums: checks };
}
