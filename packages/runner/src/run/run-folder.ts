import fs from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from '@vpixmix/augment-core';
import type { RecipeOverrides } from '../recipe/load-recipe';
import type { Recipe } from '../recipe/schema';
import { ResumeError } from './errors';
import { checkNewRunOut } from './out-folder';

/** What a run folder records about the run it holds (plan.json): enough to resume it. */
export interface StoredPlan {
  format: 'vpixmix-run';
  version: 1;
  recipeName: string;
  recipeFile: string;
  /** The recipe as validated, overrides applied. */
  recipe: Recipe;
  overrides: RecipeOverrides;
  createdAt: string;
  /** The backend the run started on (e.g. 'webgpu'); a resume may use another and says so. Absent in older plans. */
  backend?: string;
}

export const planFileName = 'plan.json';

export function runsFolder(recipeName: string): string {
  return path.join(workspaceRoot, 'runs', recipeName);
}

function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** A new run folder: `--out` when given (new, empty, or not empty with `force`), else runs/<recipe>/<timestamp>. */
export function newRunFolder(recipeName: string, out?: string, force = false): string {
  if (out) {
    const dir = path.resolve(out);
    checkNewRunOut(dir, recipeName, force);
    return dir;
  }
  let dir = path.join(runsFolder(recipeName), timestamp());
  for (let k = 2; fs.existsSync(dir); k++) dir = path.join(runsFolder(recipeName), `${timestamp()}-${k}`);
  return dir;
}

/** The run folder `--resume` continues: `--out`, else the newest runs/<recipe>/* holding a plan. */
export function resumeRunFolder(recipeName: string, out?: string): string {
  if (out) {
    const dir = path.resolve(out);
    if (!fs.existsSync(path.join(dir, planFileName))) throw new ResumeError(`${dir} holds no run to resume (no ${planFileName}); run without --resume to start one there.`);
    return dir;
  }
  const parent = runsFolder(recipeName);
  const candidates = fs.existsSync(parent)
    ? fs
        .readdirSync(parent)
        .filter((name) => fs.existsSync(path.join(parent, name, planFileName)))
        .sort()
    : [];
  if (candidates.length === 0) throw new ResumeError(`no run of '${recipeName}' to resume under ${path.relative(process.cwd(), parent) || parent}; run without --resume to start one.`);
  return path.join(parent, candidates[candidates.length - 1]);
}

export function writePlan(dir: string, plan: StoredPlan): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, planFileName), `${JSON.stringify(plan, null, 1)}\n`);
}

export function readPlan(dir: string): StoredPlan {
  const file = path.join(dir, planFileName);
  let plan: StoredPlan;
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredPlan;
  } catch (error) {
    throw new ResumeError(`${file} cannot be read (${(error as Error).message}); start a new run without --resume.`);
  }
  if (plan.format !== 'vpixmix-run' || plan.version !== 1) throw new ResumeError(`${file} is not a vpixmix run plan (format ${String(plan.format)} v${String(plan.version)}).`);
  return plan;
}

/** Where one arm and seed keep their checkpoint, training log and results. */
export function unitFolder(runDir: string, arm: string, seed: number): string {
  return path.join(runDir, 'arms', arm, `seed-${seed}`);
}
