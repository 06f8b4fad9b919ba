import fs from 'node:fs';
import type { ArchiveFormat, ArchiveSource, DatasetSource } from './catalog';
import { DownloadSetupError } from './errors';

const FORMATS: readonly ArchiveFormat[] = ['tar', 'tar.gz', 'zip', 'rar'];
/** A plain file or folder name: no separators, not '.' or '..' (it becomes a path on disk). */
const PLAIN_NAME = /^(?!\.\.?$)[^/\\\0]+$/;

type Json = Record<string, unknown>;

function fail(file: string, where: string, problem: string): never {
  throw new DownloadSetupError(`${file}: ${where}: ${problem}. A catalog is {"<name>": {"title", "provides": [folders], "archives": [{"file", "format", "url", "md5" or "sha256", "bytes"}]}}.`);
}

function text(file: string, where: string, value: unknown, pattern?: RegExp, want?: string): string {
  if (typeof value !== 'string' || value.length === 0 || (pattern && !pattern.test(value))) fail(file, where, `expected ${want ?? 'a non-empty string'}, got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(file: string, where: string, value: unknown, pattern: RegExp, want: string): string | undefined {
  return value === undefined ? undefined : text(file, where, value, pattern, want).toLowerCase();
}

function archiveOf(file: string, where: string, raw: unknown): ArchiveSource {
  if (typeof raw !== 'object' || raw === null) fail(file, where, 'expected an object');
  const a = raw as Json;
  const name = text(file, `${where}.file`, a.file, PLAIN_NAME, 'a file name without folders');
  const format = text(file, `${where}.format`, a.format) as ArchiveFormat;
  if (!FORMATS.includes(format)) fail(file, `${where}.format`, `expected one of ${FORMATS.join(', ')}, got '${format}'`);
  const url = a.url === undefined ? undefined : text(file, `${where}.url`, a.url, /^https?:\/\//, 'an http:// or https:// URL');
  const bytes = a.bytes;
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0)) fail(file, `${where}.bytes`, `expected a whole number of bytes, got ${JSON.stringify(bytes)}`);
  return {
    file: name,
    format,
    url,
    page: a.page === undefined ? (url ?? file) : text(file, `${where}.page`, a.page),
    bytes: bytes as number | undefined,
    md5: optionalText(file, `${where}.md5`, a.md5, /^[0-9a-f]{32}$/i, '32 hex digits'),
    sha256: optionalText(file, `${where}.sha256`, a.sha256, /^[0-9a-f]{64}$/i, '64 hex digits'),
    recordedBy: `the catalog ${file}`,
    manual: a.manual === undefined ? undefined : text(file, `${where}.manual`, a.manual),
  };
}

/**
 * Reads a JSON catalog of data set sources (for a mirror that repackages the archives, or
 * your own sets). Its entries replace the built-in ones of the same name.
 */
export function readCatalogFile(file: string): Record<string, DatasetSource> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DownloadSetupError(`${file}: cannot read the catalog (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(file, 'top level', 'expected an object of data set names');
  const out: Record<string, DatasetSource> = {};
  for (const [name, raw] of Object.entries(parsed as Json)) {
    text(file, 'name', name, PLAIN_NAME, 'a data set name without folders');
    if (typeof raw !== 'object' || raw === null) fail(file, name, 'expected an object');
    const entry = raw as Json;
    if (!Array.isArray(entry.archives) || entry.archives.length === 0) fail(file, `${name}.archives`, 'expected a non-empty list');
    if (!Array.isArray(entry.provides) || entry.provides.length === 0) fail(file, `${name}.provides`, 'expected the non-empty list of folders the archives unpack to');
    out[name] = {
      name,
      title: entry.title === undefined ? name : text(file, `${name}.title`, entry.title),
      archives: entry.archives.map((a, i) => archiveOf(file, `${name}.archives[${i}]`, a)),
      provides: entry.provides.map((p, i) => text(file, `${name}.provides[${i}]`, p, PLAIN_NAME, 'a folder name without separators')),
      optional: entry.optional === true,
    };
  }
  return out;
}
