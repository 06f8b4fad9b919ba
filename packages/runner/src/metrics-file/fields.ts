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

  numbers(field: string, value: unknown = this.present(field), where = field): number[] {
    if (!Array.isArray(value)) this.fail(where, `must be an array of numbers; got ${describe(value)}.`);
    if (value.length === 0) this.fail(where, 'is empty; it needs at least one value.');
    value.forEach((item, i) => {
      if (typeof item !== 'number' || !Number.isFinite(item)) this.fail(where, `must hold finite numbers; item ${i} is ${describe(item)}.`);
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

  rows(field: string, kind: string): number[][] {
    const value = this.present(field);
    if (!Array.isArray(value) || value.length === 0) this.fail(field, `must be a non-empty array of arrays of ${kind}; got ${describe(value)}.`);
    return value.map((row, i) => this.numbers(field, row, `${field}[${i}]`));
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

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
