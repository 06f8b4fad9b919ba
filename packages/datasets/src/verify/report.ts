import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RootOptions } from '../paths';

export type VerifyStatus = 'ok' | 'embedded' | 'missing' | 'incomplete' | 'invalid';

export interface VerifyCheck {
  readonly path: string;
  readonly ok: boolean;
  /** What was found, or what is wrong and what it should be. */
  readonly message: string;
  /** A missing optional file does not make the set incomplete. */
  readonly required: boolean;
  /** The check failed because something is absent (a set incomplete), not wrong (a set invalid). */
  readonly absent?: boolean;
}

export interface VerifyReport {
  readonly name: string;
  /** Where the set is looked for. */
  readonly root: string;
  readonly status: VerifyStatus;
  /** One line: what is there. */
  readonly summary: string;
  readonly checks: readonly VerifyCheck[];
  /** What to do when it is not ok: where to get the files and where to put them. */
  readonly fix: readonly string[];
  /** Optional sets (generated companions) are reported but never fail verification by being absent. */
  readonly optional: boolean;
}

export interface VerifyOptions extends RootOptions {
  /** Also compute MD5 sums and compare them with datasets/<name>/checksums.md5 (slow: reads every byte). */
  checksums?: boolean;
  /** Where the checksum lists live (default: the workspace's datasets/ folder). */
  checksumsFolder?: string;
  /**
   * Hold counts and sizes to the official releases (default true). false accepts smaller
   * sets in the same layout (test fixtures, subsets) as long as every file is well formed.
   */
  official?: boolean;
}

/** Folds checks into a status: nothing present = missing; required ones absent = incomplete; any present file wrong = invalid. */
export function statusOf(checks: readonly VerifyCheck[], presentPaths: readonly string[]): VerifyStatus {
  const wrong = checks.some((c) => !c.ok && !c.absent && fs.existsSync(c.path));
  if (wrong) return 'invalid';
  if (presentPaths.length === 0) return 'missing';
  if (checks.some((c) => c.required && !c.ok)) return 'incomplete';
  return 'ok';
}

export function fileSize(file: string): number | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export function md5File(file: string): string {
  const hash = crypto.createHash('md5');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(8 << 20);
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Parses an md5sum-format list: `<md5>  <path relative to the data set root>` per line. */
export function readChecksumList(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^([0-9a-f]{32})\s+\*?(.+)$/i.exec(line.trim());
    if (match) out.set(match[2], match[1].toLowerCase());
  }
  return out;
}

/** Checks MD5 sums of present files against `<checksumsFolder>/<name>/checksums.md5`. */
export function checksumChecks(name: string, root: string, folder: string): VerifyCheck[] {
  const listFile = path.join(folder, name, 'checksums.md5');
  const list = readChecksumList(listFile);
  const checks: VerifyCheck[] = [];
  for (const [relative, expected] of list) {
    const file = path.join(root, relative);
    if (!fs.existsSync(file)) continue;
    const actual = md5File(file);
    checks.push({
      path: file,
      ok: actual === expected,
      required: false,
      message: actual === expected ? `md5 ${actual} matches ${path.relative(folder, listFile)}` : `md5 ${actual}, but ${path.relative(folder, listFile)} records ${expected}: the file differs from the published one (re-extract it)`,
    });
  }
  return checks;
}

const marks: Record<VerifyStatus, string> = { ok: 'ok', embedded: 'ok (embedded)', missing: 'MISSING', incomplete: 'INCOMPLETE', invalid: 'INVALID' };

/** The human-readable report `vpixmix datasets verify` prints. */
export function formatReport(report: VerifyReport): string {
  const lines = [`${report.name.padEnd(12)} ${marks[report.status]}${report.optional && report.status === 'missing' ? ' (optional)' : ''}  ${report.summary}`];
  if (report.status === 'missing') {
    const wanted = report.checks.filter((c) => c.required).length;
    if (wanted > 0) lines.push(`    - none of its ${wanted} required files is there (e.g. ${report.checks.find((c) => c.required)?.path})`);
    for (const line of report.fix) lines.push(`    > ${line}`);
  } else if (report.status !== 'ok' && report.status !== 'embedded') {
    for (const check of report.checks) {
      if (!check.ok && (check.required || fs.existsSync(check.path))) lines.push(`    - ${check.path}: ${check.message}`);
    }
    for (const line of report.fix) lines.push(`    > ${line}`);
  } else {
    for (const check of report.checks) if (!check.ok) lines.push(`    ! ${check.path}: ${check.message}`);
  }
  return lines.join('\n');
}
