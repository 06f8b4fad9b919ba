import fs from 'node:fs';
import path from 'node:path';
import { CorruptionSet, PerturbationSet, type VerifyReport, companionName, formatReport, getDataset, oodFolder, verifyDataset } from '@vpixmix/datasets';
import { PICTURE_EXTENSIONS } from '@vpixmix/mixing-sets';
import { recipePath } from '../augment/mixing';
import { workspaceRoot } from '@vpixmix/augment-core';
import { companionFolder, defaultCorruptions, defaultPerturbations } from '@vpixmix/evaluation';
import { noiseOodSets } from '../recipe/check-recipe';
import { type Recipe, videoDatasets } from '../recipe/schema';
import { DataMissingError } from './errors';

/** true when the -C / -P reader opens `folder` and it holds every name the recipe evaluates; else what is wrong. */
function readableCompanion(recipe: Recipe, kind: 'c' | 'p', folder: string): true | string {
  const isVideo = videoDatasets.includes(recipe.data.dataset);
  const names = kind === 'c' ? (recipe.evaluation.corruptions.names ?? defaultCorruptions(isVideo)) : (recipe.evaluation.consistency.names ?? defaultPerturbations());
  try {
    const set = kind === 'c' ? CorruptionSet.open(folder) : PerturbationSet.open(folder);
    const missing = names.filter((n) => !set.names.includes(n));
    set.close();
    return missing.length ? `no ${missing.join(', ')} in ${folder}` : true;
  } catch (error) {
    return (error as Error).message;
  }
}

const usable = (report: VerifyReport) => report.status === 'ok' || report.status === 'embedded';

/**
 * A -C/-P folder that is missing or unreadable, said without suggesting to write into a folder
 * that holds other things, or that the recipe reached with '..' out of the workspace.
 */
function companionProblem(recipe: Recipe, kind: 'c' | 'p', folder: string, report: VerifyReport): string | undefined {
  const axis = kind === 'c' ? 'corruptions' : 'consistency';
  const written = recipe.evaluation[axis].folder;
  const escapes = written !== undefined && !path.isAbsolute(written) && path.relative(workspaceRoot, folder).startsWith('..');
  const foreign = fs.existsSync(folder) && fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length > 0 && !fs.readdirSync(folder).some((f) => f.endsWith('.npy'));
  if (!escapes && !foreign) return undefined;
  const name = companionName(recipe.data.dataset, kind);
  const why = [
    ...(escapes ? [`evaluation.${axis}.folder '${written}' climbs out of the workspace (paths are relative to ${workspaceRoot}) to ${folder}`] : []),
    ...(foreign ? [`${folder} holds other files and no ${kind === 'c' ? '-C' : '-P'} set (.npy)`] : []),
  ];
  return (
    `${name}     NOT A ${kind === 'c' ? '-C' : '-P'} FOLDER  ${why.join('; ')} (${report.status}).\n` +
    `    > point evaluation.${axis}.folder at a ${kind === 'c' ? '-C' : '-P'} folder (default datasets/${name}), or generate one into a new folder: ` +
    `npx vpixmix corrupt${kind === 'c' ? '' : ' --perturb'} --dataset ${recipe.data.dataset} --out datasets/${name}`
  );
}

/** Why `folder` is not a folder of mixing pictures (no PNG/JPEG anywhere under it), or undefined when it is one. */
function notAPictureFolder(folder: string): string | undefined {
  if (!fs.statSync(folder).isDirectory()) return 'is a file, not a folder';
  const others: string[] = [];
  const pending = [folder];
  for (let seen = 0; pending.length > 0 && seen < 100_000; seen++) {
    const dir = pending.pop() as string;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(file);
      else if ((PICTURE_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).toLowerCase())) return undefined;
      else others.push(path.relative(folder, file));
    }
  }
  return `holds no PNG or JPEG pictures (${others.length ? `${others.length} other file(s): ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}` : 'it is empty'})`;
}

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
    const folder = companionFolder(recipe.data.dataset, recipe.evaluation, kind);
    const report = verifyDataset(companionName(name, kind), { root: folder, official: false });
    if (usable(report)) continue;
    const outside = companionProblem(recipe, kind, folder, report);
    if (outside) {
      problems.push(outside);
      continue;
    }
    // A set smaller than the published one (a subset, a test fixture) fails the published
    // counts but is fine to evaluate on: accept it when the reader opens it with every name.
    const readable = report.status === 'missing' ? undefined : readableCompanion(recipe, kind, folder);
    if (readable !== true) problems.push(`${formatReport(report)}${readable ? `\n    - reader: ${readable}` : ''}`);
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
      const fetchHint = /(^|[/\\])pixmix-mixing([/\\]|$)/.test(file) ? "; 'npx vpixmix datasets download pixmix-mixing' fetches the official PixMix mixing set" : '';
      if (!fs.existsSync(file)) problems.push(`arm ${arm.name}: its mixing ${mixing.source} ${file} does not exist (paths are relative to the workspace root)${fetchHint}`);
      else if (mixing.source === 'folder') {
        const notPictures = notAPictureFolder(file);
        if (notPictures) problems.push(`arm ${arm.name}: its mixing folder ${file} ${notPictures}; point mixing.path at a folder of PNG or JPEG pictures${fetchHint}`);
      }
    }
  });
  if (problems.length) {
    throw new DataMissingError(`recipe '${recipeName}' cannot start; nothing was run:\n${problems.join('\n')}\n${verifyHint}`);
  }
}
