import type { OptionValue } from './command';
import { UsageError } from './errors';

type Values = Record<string, OptionValue>;

function single(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last !== 'string') throw new UsageError(`--${name} needs a value.`);
  return last;
}

export function stringOption(values: Values, name: string, fallback: string): string;
export function stringOption(values: Values, name: string): string | undefined;
export function stringOption(values: Values, name: string, fallback?: string): string | undefined {
  return single(values, name) ?? fallback;
}

export function requiredString(values: Values, name: string, what: string): string {
  const value = single(values, name);
  if (value === undefined) throw new UsageError(`--${name} is required: ${what}.`);
  return value;
}

export function numberOption(
  values: Values,
  name: string,
  fallback: number,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const text = single(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  const { min = -Infinity, max = Infinity, integer = false } = range;
  const kind = integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const bounds = [min > -Infinity ? `>= ${min}` : '', max < Infinity ? `<= ${max}` : ''].filter(Boolean).join(' and ');
    throw new UsageError(`--${name} must be ${kind}${bounds ? ` ${bounds}` : ''}; got '${text}'.`);
  }
  return value;
}

export function flagOption(values: Values, name: string): boolean {
  return values[name] === true;
}

export function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[], fallback: T): T {
  const value = single(values, name) ?? fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got '${value}'.`);
  }
  return value as T;
}

export function positional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`missing argument ${index + 1}: ${what}.`);
  return value;
}
