import type { Seed } from '@vpixmix/augment-core';
import { MixingCacheError } from '../errors';
import type { FractalOptions, FractalParams } from '../ifs/fractal-generator';
import type { ZoomOptions, ZoomPath } from '../zoom/zoom-path';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'vpixmix-mixing-set';
export const MANIFEST_VERSION = 1;

export type MixingGenerator = 'ifs' | 'zoom';

/** What a set is: the same spec always gives the same bytes. */
export interface MixingSetSpec {
  generator: MixingGenerator;
  seed: Seed;
  count: number;
  width: number;
  height: number;
  /** Frames per item: 1 for pictures, T for zoom clips (stored as a vertical strip of T frames). */
  frames: number;
  /** The generator's resolved options. */
  options: FractalOptions | ZoomOptions;
}

export interface ManifestItem {
  file: string;
  /** sha256 of the PNG file's bytes. */
  sha256: string;
  params: FractalParams | ZoomPath;
}

export interface MixingSetManifest extends MixingSetSpec {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** False while a generation is under way (or was interrupted); `items` then holds what is done. */
  complete: boolean;
  items: ManifestItem[];
}

/** The file name of item i. */
export function itemFile(index: number): string {
  return `${String(index).padStart(5, '0')}.png`;
}

/** Stable JSON of a value (object keys sorted), for comparing options. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Checks the manifest's shape; throws MixingCacheError naming the folder and the bad field. */
export function parseManifest(folder: string, text: string): MixingSetManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MixingCacheError(folder, `${folder}/${MANIFEST_FILE} is not valid JSON (${(error as Error).message}); delete the folder and generate the set again.`);
  }
  const bad = (field: string, what: string) =>
    new MixingCacheError(folder, `${folder}/${MANIFEST_FILE}: ${field} ${what}; the manifest is damaged or from another tool, generate the set again.`);
  if (raw === null || typeof raw !== 'object') throw bad('the manifest', 'is not an object');
  const m = raw as Record<string, unknown>;
  if (m['format'] !== MANIFEST_FORMAT) throw bad('format', `is ${JSON.stringify(m['format'])}, expected "${MANIFEST_FORMAT}"`);
  if (m['version'] !== MANIFEST_VERSION) throw bad('version', `is ${JSON.stringify(m['version'])}, this vpixmix reads version ${MANIFEST_VERSION}`);
  if (m['generator'] !== 'ifs' && m['generator'] !== 'zoom') throw bad('generator', `is ${JSON.stringify(m['generator'])}, expected "ifs" or "zoom"`);
  if (typeof m['seed'] !== 'number' && typeof m['seed'] !== 'string') throw bad('seed', 'is missing');
  for (const field of ['count', 'width', 'height', 'frames']) {
    const v = m[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw bad(field, `is ${JSON.stringify(v)}, expected an integer >= 1`);
  }
  if (typeof m['complete'] !== 'boolean') throw bad('complete', 'is missing');
  if (m['options'] === null || typeof m['options'] !== 'object') throw bad('options', 'is missing');
  if (!Array.isArray(m['items'])) throw bad('items', 'is not a list');
  (m['items'] as unknown[]).forEach((item, i) => {
    const it = item as Record<string, unknown> | null;
    if (!it || typeof it['file'] !== 'string' || typeof it['sha256'] !== 'string' || typeof it['params'] !== 'object') {
      throw bad(`items[${i}]`, 'needs file, sha256 and params');
    }
    if (it['file'] !== itemFile(i)) throw bad(`items[${i}].file`, `is ${JSON.stringify(it['file'])}, expected "${itemFile(i)}"`);
  });
  return raw as MixingSetManifest;
}

/** The spec fields where `manifest` differs from `expected`, as "field: has X, asked Y" lines. */
export function specMismatches(manifest: MixingSetSpec, expected: Partial<MixingSetSpec>): string[] {
  const lines: string[] = [];
  for (const field of ['generator', 'seed', 'width', 'height', 'frames'] as const) {
    const want = expected[field];
    if (want !== undefined && manifest[field] !== want) lines.push(`${field}: the set has ${JSON.stringify(manifest[field])}, asked ${JSON.stringify(want)}`);
  }
  if (expected.count !== undefined && manifest.count < expected.count) {
    lines.push(`count: the set has ${manifest.count} items, asked ${expected.count}`);
  }
  if (expected.options !== undefined && canonicalJson(manifest.options) !== canonicalJson(expected.options)) {
    lines.push(`options: the set was made with ${canonicalJson(manifest.options)}, asked ${canonicalJson(expected.options)}`);
  }
  return lines;
}
