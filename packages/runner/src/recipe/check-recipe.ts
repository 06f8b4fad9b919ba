import {
  CORRUPTION_NAMES,
  EXTRA_CORRUPTION_NAMES,
  EXTRA_PERTURBATION_NAMES,
  PERTURBATION_NAMES,
  videoCorruptions,
} from '@vpixmix/corruptions';
import { resolveModel } from '@vpixmix/models';
import {
  clipOnlyPresets,
  imageOnlyPresets,
  mixingPresets,
  videoDatasets,
  type AugmentPreset,
  type Recipe,
  type RecipeArm,
} from './schema';

/** A problem the schema cannot see: a field that is well-formed but does not fit the rest of the recipe. */
export interface RecipeIssue {
  path: (string | number)[];
  message: string;
}

/** Which augment options each preset reads; any other option set on an arm is a mistake worth naming. */
const optionsOf: Record<AugmentPreset, readonly string[]> = {
  none: [],
  standard: [],
  cutout: [],
  mixup: ['alpha'],
  cutmix: ['alpha'],
  autoaugment: [],
  augmix: ['severity'],
  pixmix: ['k', 'beta', 'severity', 'allOps'],
  videomix: ['alpha'],
  vpixmix: ['k', 'beta', 'severity', 'allOps', 'variant'],
};
const optionalKeys = ['k', 'beta', 'severity', 'allOps', 'alpha', 'variant'] as const;

/** Anomaly sets every data set has (noise made at the test set's size). */
export const noiseOodSets = ['gaussian', 'rademacher', 'blobs'] as const;
/** Data sets whose held-out classes form an OOD set. */
const heldOutDatasets = ['shapes', 'motion'];

/** Data sets whose labels a horizontal mirror changes: their arms do not flip unless told to. */
const mirrorSensitive: Record<string, string> = { motion: 'left <-> right, rotate_cw <-> rotate_ccw' };

/** The recipe with each arm's flip resolved (the data set's default where the arm says nothing). */
export function withResolvedFlips(recipe: Recipe): Recipe {
  const flip = !(recipe.data.dataset in mirrorSensitive);
  return { ...recipe, arms: recipe.arms.map((arm) => ({ ...arm, augment: { ...arm.augment, flip: arm.augment.flip ?? flip } })) };
}

function checkArm(arm: RecipeArm, index: number, isVideo: boolean, issues: RecipeIssue[], dataset: string): void {
  const at = (...rest: (string | number)[]) => ['arms', index, ...rest];
  const { preset } = arm.augment;
  if (arm.augment.flip && dataset in mirrorSensitive) {
    issues.push({ path: at('augment', 'flip'), message: `a mirror changes ${dataset}'s labels (${mirrorSensitive[dataset]}); leave flip out or set it to false` });
  }
  if (isVideo && imageOnlyPresets.includes(preset)) {
    issues.push({ path: at('augment', 'preset'), message: `'${preset}' augments images; for clips use none, standard, videomix or vpixmix` });
  }
  if (!isVideo && clipOnlyPresets.includes(preset)) {
    issues.push({ path: at('augment', 'preset'), message: `'${preset}' augments clips; for images use none, standard, cutout, mixup, cutmix, autoaugment, augmix or pixmix` });
  }
  for (const key of optionalKeys) {
    if (arm.augment[key] !== undefined && !optionsOf[preset].includes(key)) {
      const users = (Object.keys(optionsOf) as AugmentPreset[]).filter((p) => optionsOf[p].includes(key));
      issues.push({ path: at('augment', key), message: `'${preset}' has no option ${key} (it applies to ${users.join(', ')})` });
    }
  }
  const needsMixing = mixingPresets.includes(preset);
  if (needsMixing && !arm.mixing) {
    issues.push({ path: at('augment', 'preset'), message: `'${preset}' mixes in pictures: add mixing: { source: fractals } (or fractal-zoom, folder, video)` });
  }
  if (!needsMixing && arm.mixing) {
    issues.push({ path: at('mixing'), message: `only pixmix and vpixmix use a mixing source; remove it or change the preset` });
  }
  if (preset === 'vpixmix') {
    const variant = arm.augment.variant;
    if (!variant) {
      issues.push({ path: at('augment'), message: 'preset vpixmix needs variant: naive, single-picture, frozen-pixmix, fractal-zoom or video-mixing' });
    } else if (arm.mixing) {
      const source = arm.mixing.source;
      if (variant === 'fractal-zoom' && source !== 'fractal-zoom') {
        issues.push({ path: at('mixing', 'source'), message: `variant fractal-zoom mixes frame t with frame t of a zoom clip: use source: fractal-zoom (got ${source})` });
      }
      if (variant === 'video-mixing' && source !== 'video') {
        issues.push({ path: at('mixing', 'source'), message: `variant video-mixing mixes in the frames of a video: use source: video with path: <file> (got ${source})` });
      }
    }
  }
  if (preset === 'pixmix' && arm.mixing?.source === 'video') {
    issues.push({ path: at('mixing', 'source'), message: 'pixmix mixes single pictures: use fractals, fractal-zoom or folder' });
  }
}

function checkNames(issues: RecipeIssue[], path: (string | number)[], names: readonly string[] | undefined, allowed: readonly string[], what: string): void {
  names?.forEach((name, i) => {
    if (!allowed.includes(name)) issues.push({ path: [...path, i], message: `unknown ${what} '${name}'; known: ${allowed.join(', ')}` });
  });
}

/** Checks what the schema cannot: fields that must agree with each other and with the packages' registries. */
export function checkRecipe(recipe: Recipe): RecipeIssue[] {
  const issues: RecipeIssue[] = [];
  const isVideo = videoDatasets.includes(recipe.data.dataset);
  try {
    const spec = resolveModel(recipe.model.name);
    if (isVideo && spec.family !== 'r3d') {
      issues.push({ path: ['model', 'name'], message: `${recipe.data.dataset} holds clips; use a video model (r3d-18, r3d-10, r3d-small, r3d-tiny)` });
    }
    if (!isVideo && spec.family !== 'wrn') {
      issues.push({ path: ['model', 'name'], message: `${recipe.data.dataset} holds images; use an image model (wrn-<depth>-<widen>, e.g. wrn-40-4, wrn-16-2)` });
    }
    if (spec.family === 'r3d' && recipe.model.dropout !== undefined) {
      issues.push({ path: ['model', 'dropout'], message: `${recipe.model.name} has no dropout (torchvision's r3d_18 has none); leave it out` });
    }
  } catch (error) {
    issues.push({ path: ['model', 'name'], message: (error as Error).message });
  }
  if (!isVideo && recipe.data.clip) issues.push({ path: ['data', 'clip'], message: `${recipe.data.dataset} holds images; clip: applies to motion and ucf101` });
  if (recipe.data.size !== undefined && recipe.data.dataset !== 'shapes') {
    issues.push({ path: ['data', 'size'], message: `only the embedded shapes set is drawn at any size; clip sets take clip: { size }` });
  }
  if (recipe.data.root !== undefined && heldOutDatasets.includes(recipe.data.dataset)) {
    issues.push({ path: ['data', 'root'], message: `${recipe.data.dataset} is embedded (generated from a seed), not read from a folder; remove root, or choose a data set on disk (cifar10, cifar100, ucf101)` });
  }
  if (recipe.data.seed !== undefined && !heldOutDatasets.includes(recipe.data.dataset)) {
    issues.push({ path: ['data', 'seed'], message: `only the embedded sets (shapes, motion) are generated from a seed` });
  }
  recipe.arms.forEach((arm, i) => checkArm(arm, i, isVideo, issues, recipe.data.dataset));

  const evaluation = recipe.evaluation;
  const corruptionNames = isVideo ? Object.keys(videoCorruptions) : [...CORRUPTION_NAMES, ...EXTRA_CORRUPTION_NAMES];
  checkNames(issues, ['evaluation', 'corruptions', 'names'], evaluation.corruptions.names, corruptionNames, isVideo ? 'video corruption' : 'corruption');
  checkNames(issues, ['evaluation', 'consistency', 'names'], evaluation.consistency.names, [...PERTURBATION_NAMES, ...EXTRA_PERTURBATION_NAMES], 'perturbation');
  for (const axis of ['corruptions', 'consistency'] as const) {
    const section = evaluation[axis];
    if (section.folder !== undefined && section.source !== 'folder') {
      issues.push({ path: ['evaluation', axis, 'folder'], message: `is read only with source: folder (source is ${section.source})` });
    }
  }
  evaluation.anomaly.sets.forEach((set, i) => {
    if (set === 'held-out' && !heldOutDatasets.includes(recipe.data.dataset)) {
      issues.push({ path: ['evaluation', 'anomaly', 'sets', i], message: `only shapes and motion have held-out classes; use ${noiseOodSets.join(', ')} or an image folder under datasets/ood/` });
    }
    if (isVideo && !(noiseOodSets as readonly string[]).includes(set) && set !== 'held-out') {
      issues.push({ path: ['evaluation', 'anomaly', 'sets', i], message: `clip data sets have the OOD sets ${[...noiseOodSets, 'held-out'].join(', ')}; '${set}' is not one` });
    }
  });
  return issues;
}

