import fs from 'node:fs';
import path from 'node:path';
import { type VerifyReport, companionName, formatReport, getDataset, oodFolder, verifyDataset } from '@vpixmix/datasets';
import { recipePath } from '../augment/mixing';
import { companionFolder } from '../data/companions';
import { noiseOodSets } from '../recipe/check-recipe';
import type { Recipe } from '../recipe/schema';
import { DataMissingError } from './errors';

const usable = (report: VerifyReport) => report.status === 'ok' || report.status === 'embedded';

const verifyHint = 'Run `npx nx run datasets:verify` (or `npx vpixmix datasets verify`) to check every data set.';

/**
 * Checks, before any work, that everything the recipe reads is there: the data set, the
 * -C/-P folders it names, OOD image folders and mixing pictures. One message lists every
 * problem with what `datasets verify` says about it.
 */
export function checkRunInputs(recipeName: string, recipe: Recipe): void {
  const problems: string[] = [];
  const name = recipe.data.dataset;
  const axes = recipe.evaluation.axes;
  if (getDataset(name).needsFiles) {
    const report = verifyDataset(name, { root: recipe.data.root, official: false });
    if (!usable(report)) problems.push(formatReport(report));
  }
  const companions: ['c' | 'p', boolean][] = [
    ['c', axes.includes('corruptions') && recipe.evaluation.corruptions.source === 'folder'],
    ['p', axes.includes('consistency') && recipe.evaluation.consistency.source === 'folder'],
  ];
  for (const [kind, needed] of companions) {
    if (!needed) continue;
    const report = verifyDataset(companionName(name, kind), { root: companionFolder(recipe, kind), official: false });
    if (!usable(report)) problems.push(formatReport(report));
  }
  if (axes.includes('anomaly')) {
    for (const set of recipe.evaluation.anomaly.sets) {
      if ((noiseOodSets as readonly string[]).includes(set) || set === 'held-out') continue;
      const folder = path.join(oodFolder(), set);
      if (!fs.existsSync(folder)) {
        problems.push(`ood/${set}      MISSING  the recipe's anomaly set '${set}' is read from ${folder}\n    > put its pictures there (${folder}/<class>/*.png|jpg, or the pictures directly), or drop it from evaluation.anomaly.sets`);
      }
    }
  }
  recipe.arms.forEach((arm) => {
    const mixing = arm.mixing;
    if (mixing && (mixing.source === 'folder' || mixing.source === 'video')) {
      const file = recipePath(mixing.path);
      if (!fs.existsSync(file)) problems.push(`arm ${arm.name}: its mixing ${mixing.source} ${file} does not exist (paths are relative to the workspace root)`);
    }
  });
  if (problems.length) {
    throw new DataMissingError(`recipe '${recipeName}' cannot start; nothing was run:\n${problems.join('\n')}\n${verifyHint}`);
  }
}
