import { readFileSync } from 'node:fs';
import { MetricsFileError } from './errors';

export type JsonObject = Record<string, unknown>;

/** Reads a JSON object from `file`, or throws MetricsFileError saying what is wrong with it. */
export function readJsonObject(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MetricsFileError(`cannot read ${file}: ${(error as Error).message}. Give the path of a JSON file of scores.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MetricsFileError(`${file} is not valid JSON: ${(error as Error).message}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MetricsFileError(`${file} must hold one JSON object with the score fields; it holds ${Array.isArray(value) ? 'an array' : typeof value}.`);
  }
  return value as JsonObject;
}

/** Field readers: each names the file and the field in what it throws. */
export class Fields {
  constructor(
    readonly file: string,
    readonly object: JsonObject,
    /** What the kind needs, for messages: e.g. "{in_scores, out_scores}: arrays of numbers". */
    readonly needs: string,
  ) {}

  fail(field: string, message: string): never {
    throw new MetricsFileError(`${this.file}: field '${field}' ${message}`);
  }

  private present(field: string): unknown {
    if (!(field in this.object)) this.fail(field, `is missing; this kind needs ${this.needs}.`);
    return this.object[field];
  }

  has(field: string): boolean {
    return field in this.object && this.object[field] !== null;
  }

  /** Rejects any field that is not in `known`, naming it and the closest known spelling. */
  onlyKnown(known: readonly string[]): void {
    for (const field of Object.keys(this.object)) {
      if (known.includes(field)) continue;
      const close = closest(field, known);
      this.fail(field, `is not a field of this kind${close ? `; did you mean '${close}'?` : '.'} This kind reads ${known.map((k) => `'${k}'`).join(', ')}.`);
    }
  }

  numbers(field: string, value: unknown = this.present(field), where = field, range: NumberRange = {}): number[] {
    if (!Array.isArray(value)) this.fail(where, `must be an array of numbers; got ${describe(value)}.`);
    if (value.length === 0) this.fail(where, 'is empty; it needs at least one value.');
    value.forEach((item, i) => {
      if (typeof item !== 'number' || !Number.isFinite(item)) this.fail(where, `must hold finite numbers; item ${i} is ${describe(item)}.`);
      const { min = -Infinity, max = Infinity, integer = false } = range;
      if ((integer && !Number.isInteger(item)) || item < min || item > max) {
        this.fail(where, `must hold ${range.what ?? 'numbers in range'}; item ${i} is ${item}${range.hint ? ` (${range.hint})` : ''}.`);
      }
    });
    return value as number[];
  }

  flags(field: string): number[] {
    const value = this.present(field);
    if (!Array.isArray(value)) this.fail(field, `must be an array of 0/1 or true/false; got ${describe(value)}.`);
    return value.map((item, i) => {
      if (item === true || item === 1) return 1;
      if (item === false || item === 0) return 0;
      return this.fail(field, `must hold 0/1 or true/false; item ${i} is ${describe(item)}.`);
    });
  }

  rows(field: string, kind: string, range: NumberRange = {}): number[][] {
    const value = this.present(field);
    if (!Array.isArray(value) || value.length === 0) this.fail(field, `must be a non-empty array of arrays of ${kind}; got ${describe(value)}.`);
    return value.map((row, i) => this.numbers(field, row, `${field}[${i}]`, range));
  }

  optionalBoolean(field: string, fallback: boolean): boolean {
    if (!this.has(field)) return fallback;
    const value = this.object[field];
    if (typeof value !== 'boolean') this.fail(field, `must be true or false; got ${describe(value)}.`);
    return value;
  }

  optionalInteger(field: string, fallback: number, min: number): number {
    if (!this.has(field)) return fallback;
    const value = this.object[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) this.fail(field, `must be an integer >= ${min}; got ${describe(value)}.`);
    return value;
  }

  optionalStrings(field: string, count: number): string[] | undefined {
    if (!this.has(field)) return undefined;
    const value = this.object[field];
    if (!Array.isArray(value) || value.length !== count || value.some((v) => typeof v !== 'string')) {
      this.fail(field, `must be ${count} names (strings), one per row of errors.`);
    }
    return value as string[];
  }
}

/** Limits on the numbers of a field, and what to say when one is outside them. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
  /** e.g. "fractions in [0, 1]" */
  what?: string;
  /** A likely cause, e.g. "percent? divide by 100". */
  hint?: string;
}

/** Optimal-string-alignment distance (edits, with a swap of neighbours counting as one). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name within two edits of `name` (case and '-'/'_' aside), if one is. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const scored = known.map((k) => ({ k, d: editDistance(plain(name), plain(k)) })).sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].k : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON.parse turns numbers beyond the double range (1e400) into Infinity, which JSON.stringify writes as null.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : `${value} (a number beyond ±1.8e308, such as 1e400, overflows to infinity)`;
  }
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
