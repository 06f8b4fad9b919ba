import path from 'node:path';
import { datasetsFolder } from '../paths';
import { type ArchiveSource, type DatasetSource, datasetSources, recordedBytes } from './catalog';
import { formatBytes } from './progress';

/** 'cifar-10-binary.tar.gz (170,052,171 bytes, md5 c32a...)': what the table knows of one archive. */
export function describeArchive(archive: ArchiveSource): string {
  const facts = [
    archive.bytes !== undefined ? `${archive.bytes.toLocaleString('en')} bytes` : undefined,
    archive.md5 ? `md5 ${archive.md5}` : undefined,
    !archive.md5 && archive.sha256 ? `sha256 ${archive.sha256}` : undefined,
  ].filter(Boolean);
  return `${archive.file}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/** One line for listings: name, total size, archives. */
export function describeSource(source: DatasetSource): string {
  const bytes = recordedBytes(source);
  const approx = source.archives.map((a) => a.approxSize).find(Boolean);
  const size = bytes !== undefined ? formatBytes(bytes) : (approx ?? 'size not recorded');
  const manual = source.archives.some((a) => !a.url) ? '; by hand (no direct URL)' : '';
  return `${source.name.padEnd(14)} ${size.padEnd(18)} ${source.archives.map((a) => a.file).join(' + ')}${source.optional ? ' (optional)' : ''}${manual}`;
}

/**
 * The fix `datasets verify` prints for a set the table knows: the download command, what
 * it fetches, and for an archive without a direct URL, where a person gets it.
 */
export function downloadFix(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const source = datasetSources[name];
  if (!source) return [];
  const lines = [`Fetch it: npx vpixmix datasets download ${name}   (${source.archives.map(describeArchive).join(' + ')})`];
  for (const archive of source.archives) {
    if (!archive.url && archive.manual) {
      lines.push(`${archive.file} has no direct URL: ${archive.manual}. Put it in ${path.join(datasetsFolder(env), '.downloads')}/ first; the command then checks and unpacks it.`);
    }
  }
  return lines;
}
