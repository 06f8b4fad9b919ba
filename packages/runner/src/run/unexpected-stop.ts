import fs from 'node:fs';
import path from 'node:path';
import type { UnitResult } from '@vpixmix/evaluation';
import type { Recipe } from '../recipe/schema';
import { type RunStatus, writeReport } from '../report/write-report';
import { holderIsGone, type LockHolder, readLockHolder } from './run-lock';

interface StoredResults {
  recipe: string;
  recipeFile: string;
  status: RunStatus;
  createdAt: string;
  backend?: string;
  units: { planned: number; done: number };
  arms: { name: string; description: string }[];
  results: UnitResult[];
  resolvedRecipe: Recipe;
}

function readResults(dir: string): StoredResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as StoredResults;
  } catch {
    return undefined;
  }
}

/**
 * Whether the run in `dir` died without a clean exit (SIGKILL, power loss, a second Ctrl-C):
 * its report still says "in progress" but no live process holds its lock. Returns the holder
 * that was writing it (when its lock file is still there).
 */
export function stoppedUnexpectedly(dir: string): { holder?: LockHolder } | undefined {
  const results = readResults(dir);
  if (results?.status?.state !== 'running') return undefined;
  const holder = readLockHolder(dir);
  if (holder && !holderIsGone(holder)) return undefined;
  return { holder };
}

/**
 * Rewrites the report of a run that died while "in progress" to say it stopped unexpectedly
 * (no clean exit) and how to resume it. Returns whether it did.
 */
export function markStoppedUnexpectedly(dir: string, resumeCommand: string): boolean {
  const results = readResults(dir);
  if (!results || !stoppedUnexpectedly(dir)) return false;
  const samplesPng = 'figures/augmented-samples.png';
  const samplesGif = 'figures/augmented-samples.gif';
  writeReport({
    recipeName: results.recipe,
    recipeFile: results.recipeFile,
    recipe: results.resolvedRecipe,
    runDir: dir,
    arms: results.arms,
    units: results.results,
    plannedUnits: results.units.planned,
    status: { state: 'partial', stop: 'unexpected', resumeCommand },
    backend: results.backend,
    createdAt: results.createdAt,
    samples: {
      ...(fs.existsSync(path.join(dir, samplesPng)) ? { png: samplesPng } : {}),
      ...(fs.existsSync(path.join(dir, samplesGif)) ? { gif: samplesGif } : {}),
    },
  });
  return true;
}
