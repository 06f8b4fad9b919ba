import fs from 'node:fs';
import path from 'node:path';
import { ResumeError } from './errors';

/** `--out` names a folder that holds something else: writing a run there would overwrite it. */
export class OutFolderError extends Error {
  override name = 'OutFolderError';
}

const planFile = 'plan.json';

function recipeOf(dir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, planFile), 'utf8')) as { recipeName?: string }).recipeName;
  } catch {
    return undefined;
  }
}

/**
 * Checks that a new run of `recipeName` may start in `dir` (from `--out`): a missing or empty
 * folder is fine; a folder holding a run is refused (resume it, or choose another folder); any
 * other non-empty folder is refused unless `force`, as its report.md/results.json/figures
 * would be overwritten.
 */
export function checkNewRunOut(dir: string, recipeName: string, force = false): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new OutFolderError(`--out ${dir} is a file, not a folder; choose a folder for the run.`);
  if (fs.existsSync(path.join(dir, planFile))) {
    const holds = recipeOf(dir);
    if (holds === undefined || holds === recipeName) {
      throw new ResumeError(`${dir} already holds a run${holds ? ` of '${holds}'` : ''} (${planFile}); add --resume to continue it, or choose another --out.`);
    }
    throw new OutFolderError(
      `${dir} holds a run of '${holds}', not '${recipeName}'; choose another --out (or continue that run with 'vpixmix run ${holds} --resume --out ${dir}').`,
    );
  }
  const entries = fs.readdirSync(dir);
  if (entries.length === 0 || force) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, ... (${entries.length} entries)` : '');
  throw new OutFolderError(
    `--out ${dir} is not empty and is not a vpixmix run (it holds ${shown}); a run writes report.md, results.json, figures/ and arms/ there. ` +
      'Choose a new or empty folder, or add --force to write into it anyway.',
  );
}

/** Checks that the run folder `--resume` found holds a run of `recipeName`. */
export function checkResumedRecipe(dir: string, recipeName: string, stored: string): void {
  if (stored !== recipeName) {
    throw new ResumeError(`${dir} holds a run of '${stored}', not '${recipeName}'; resume it with 'vpixmix run ${stored} --resume --out ${dir}', or choose another folder.`);
  }
}
