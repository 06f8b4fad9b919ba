import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parse as parseYaml, parseDocument, type Document } from 'yaml';
import { workspaceRoot } from '@vpixmix/augment-core';
import type { z } from 'zod';
import { checkRecipe, type RecipeIssue, withResolvedFlips } from './check-recipe';
import { RecipeError } from './errors';
import { recipeSchema, type Recipe } from './schema';

export const experimentsDir = path.join(workspaceRoot, 'experiments');

export interface LoadedRecipe {
  name: string;
  file: string;
  recipe: Recipe;
}

/** Command-line overrides, applied before validation. */
export interface RecipeOverrides {
  epochs?: number;
  backend?: string;
  seeds?: number;
  /** At most N training and test items, and at most N items on every evaluation axis. */
  limit?: number;
  /** Any field, as `path=value` (`model.name=wrn-10-1`, `arms.1.augment.k=3`); the value is read as YAML. */
  set?: readonly string[];
}

export function knownRecipes(dir = experimentsDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

function resolveRecipeFile(nameOrFile: string, dir: string): string {
  if (/\.ya?ml$/.test(nameOrFile)) {
    const file = path.resolve(nameOrFile);
    if (!existsSync(file)) throw new RecipeError(`recipe file ${file} does not exist.`);
    return file;
  }
  for (const extension of ['.yaml', '.yml']) {
    const file = path.join(dir, `${nameOrFile}${extension}`);
    if (existsSync(file)) return file;
  }
  const known = knownRecipes(dir);
  throw new RecipeError(
    `unknown recipe '${nameOrFile}'. Known recipes (files in ${path.relative(process.cwd(), dir) || dir}): ${known.join(', ') || '(none)'}.`,
  );
}

function lineOf(document: Document, lines: LineCounter, fieldPath: readonly PropertyKey[]): number | undefined {
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const node = document.getIn(fieldPath.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function formatPath(fieldPath: readonly PropertyKey[]): string {
  return fieldPath.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** A field the command line set, and how it was set (e.g. "--set model.name=x"). */
interface Overridden {
  path: string[];
  option: string;
}

/** The fields `overrides` set, for pointing an error at the option rather than a recipe line. */
function overriddenFields(overrides: RecipeOverrides): Overridden[] {
  const out: Overridden[] = [];
  if (overrides.epochs !== undefined) out.push({ path: ['training', 'epochs'], option: `--epochs ${overrides.epochs}` });
  if (overrides.backend !== undefined) out.push({ path: ['backend'], option: `--backend ${overrides.backend}` });
  if (overrides.seeds !== undefined) out.push({ path: ['seeds'], option: `--seeds ${overrides.seeds}` });
  if (overrides.limit !== undefined) {
    out.push({ path: ['data', 'limit'], option: `--limit ${overrides.limit}` }, { path: ['evaluation', 'limit'], option: `--limit ${overrides.limit}` });
  }
  for (const assignment of overrides.set ?? []) {
    const match = /^([A-Za-z0-9_.-]+)=/.exec(assignment);
    if (match) out.push({ path: match[1].split('.').filter(Boolean), option: `--set ${assignment}` });
  }
  return out;
}

function describeIssues(
  file: string,
  document: Document,
  lines: LineCounter,
  issues: readonly (z.core.$ZodIssue | RecipeIssue)[],
  overridden: readonly Overridden[] = [],
): string {
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith('..') ? relative : file;
  return issues
    .map((issue) => {
      const extraKey = 'code' in issue && issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
      const full = [...issue.path, ...extraKey].map(String);
      // The last override of a field wins, as it did when it was applied.
      const option = [...overridden].reverse().find((o) => o.path.every((key, i) => full[i] === key));
      const line = option ? undefined : lineOf(document, lines, [...issue.path, ...extraKey]);
      const where = option ? `${option.option} (command line)` : `${shown}${line ? `:${line}` : ''}`;
      const field = formatPath(issue.path) || '(top level)';
      return `${where}: ${field}: ${issue.message}`;
    })
    .join('\n');
}

function applyOverrides(raw: Record<string, unknown>, overrides: RecipeOverrides): Record<string, unknown> {
  const copy = structuredClone(raw) as Record<string, Record<string, unknown>>;
  const section = (key: string) => (copy[key] && typeof copy[key] === 'object' ? copy[key] : (copy[key] = {}));
  if (overrides.epochs !== undefined) section('training')['epochs'] = overrides.epochs;
  if (overrides.backend !== undefined) (copy as Record<string, unknown>)['backend'] = overrides.backend;
  if (overrides.seeds !== undefined) (copy as Record<string, unknown>)['seeds'] = overrides.seeds;
  if (overrides.limit !== undefined) {
    const data = section('data');
    data['limit'] = { train: overrides.limit, test: overrides.limit };
    const evaluation = section('evaluation');
    evaluation['limit'] = overrides.limit;
    // Every axis's own limit (corruptions, consistency, adversaries, anomaly) is capped too.
    for (const axis of ['corruptions', 'consistency', 'adversaries', 'anomaly']) {
      const settings = evaluation[axis] as Record<string, unknown> | undefined;
      if (!settings || typeof settings !== 'object') continue;
      const own = settings['limit'];
      if (typeof own !== 'number' || own > overrides.limit) settings['limit'] = overrides.limit;
    }
  }
  for (const assignment of overrides.set ?? []) setField(copy, assignment);
  return copy;
}

/** Applies one `path=value` override (the value read as YAML), creating mappings on the way. */
function setField(target: Record<string, unknown>, assignment: string): void {
  const match = /^([A-Za-z0-9_.-]+)=(.*)$/s.exec(assignment);
  if (!match) throw new RecipeError(`--set '${assignment}': write path=value, e.g. --set model.name=wrn-10-1 or --set arms.0.augment.k=3`);
  const keys = match[1].split('.').filter(Boolean);
  let value: unknown;
  try {
    value = parseYaml(match[2]);
  } catch (error) {
    throw new RecipeError(`--set '${assignment}': the value is not valid YAML (${(error as Error).message})`);
  }
  let node: Record<string, unknown> = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === undefined || next === null) node[key] = {};
    else if (typeof next !== 'object') throw new RecipeError(`--set '${assignment}': ${keys.slice(0, i + 1).join('.')} is ${JSON.stringify(next)}, not a mapping or list`);
    node = node[key] as Record<string, unknown>;
  });
}

/**
 * A recipe given as data (a run's stored plan, or one built in code), overrides applied and
 * validated like a file's; `label` names it in errors.
 */
export function recipeFromObject(raw: Record<string, unknown>, overrides: RecipeOverrides, label: string, check = true): Recipe {
  const parsed = recipeSchema.safeParse(applyOverrides(raw, overrides));
  const issues: readonly (z.core.$ZodIssue | RecipeIssue)[] = parsed.success ? (check ? checkRecipe(parsed.data) : []) : parsed.error.issues;
  if (issues.length) throw new RecipeError(`invalid settings (${label}):\n${issues.map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`).join('\n')}`);
  return withResolvedFlips(parsed.data as Recipe);
}

/** Reads, overrides and validates a recipe; every problem is reported with file, line and field. */
export function loadRecipe(nameOrFile: string, overrides: RecipeOverrides = {}, dir = experimentsDir): LoadedRecipe {
  const file = resolveRecipeFile(nameOrFile, dir);
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: true });
  if (document.errors.length) {
    throw new RecipeError(`${file} is not valid YAML: ${document.errors.map((e) => e.message).join('; ')}`);
  }
  const raw = document.toJS() as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !isMap(document.contents)) {
    throw new RecipeError(`${file} must hold a YAML mapping (data:, model:, training:, arms:, ...).`);
  }
  const parsed = recipeSchema.safeParse(applyOverrides(raw as Record<string, unknown>, overrides));
  const overridden = overriddenFields(overrides);
  if (!parsed.success) throw new RecipeError(`invalid recipe:\n${describeIssues(file, document, lines, parsed.error.issues, overridden)}`);
  const names = parsed.data.arms.map((a) => a.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    const armsNode = document.get('arms', true);
    const line = isSeq(armsNode) && armsNode.range ? lines.linePos(armsNode.range[0]).line : undefined;
    throw new RecipeError(`${file}${line ? `:${line}` : ''}: arms: two arms are named '${duplicate}'; names must be unique.`);
  }
  const problems = checkRecipe(parsed.data);
  if (problems.length) throw new RecipeError(`invalid recipe:\n${describeIssues(file, document, lines, problems, overridden)}`);
  return { name: path.basename(file).replace(/\.ya?ml$/, ''), file, recipe: withResolvedFlips(parsed.data) };
}
