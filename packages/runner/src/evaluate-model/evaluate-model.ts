import fs from 'node:fs';
import path from 'node:path';
import { type UnitResult, evaluateSafety } from '@vpixmix/evaluation';
import { initBackend } from '@vpixmix/tf-backend';
import type { CommandIo } from '../cli/command';
import { evaluationDataOf, openRunData } from '../data/open-data';
import { type RecipeOverrides, experimentsDir, loadRecipe, recipeFromObject } from '../recipe/load-recipe';
import type { Recipe } from '../recipe/schema';
import { overallTable } from '../report/tables';
import { textTable } from '../report/table';
import { type WrittenReport, writeReport } from '../report/write-report';
import { newRunFolder, unitFolder } from '../run/run-folder';
import { itemShape } from '../train/train-unit';
import { cacheRoot } from '../util/cache-root';
import { ModelFolderError } from './errors';
import { type FoundModel, findModel } from './find-model';

export interface EvaluateModelOptions {
  /** A saved model folder, a run's arms/<arm>/seed-<n> folder, a checkpoint, or a run folder with one model. */
  model: string;
  /** The data set to evaluate on (its test split, -C/-P and OOD sets). */
  dataset: string;
  /** Settings from this recipe (name or .yaml): its data options and evaluation section. */
  recipe?: string;
  /** As `vpixmix run`'s: --limit, --backend, --set PATH=V (applied to the settings). */
  overrides?: Pick<RecipeOverrides, 'limit' | 'backend' | 'set'>;
  /** The PGD seed (default: the run unit's seed, else the settings' seed). */
  seed?: number;
  out?: string;
  io: CommandIo;
  recipesDir?: string;
}

export interface EvaluateModelOutcome {
  outDir: string;
  result: UnitResult;
  report: WrittenReport;
  table: string;
}

/** Settings without a recipe or a run: the data set as its registry opens it, DESIGN.md's evaluation protocol. */
function defaultSettings(arm: string): Record<string, unknown> {
  return { data: {}, model: { name: 'wrn-10-1' }, training: { epochs: 1 }, arms: [{ name: arm, augment: { preset: 'none' } }] };
}

/**
 * Where the evaluation settings come from: --recipe, else the run the model was trained in
 * (its plan: the same data and settings as that run's evaluation), else the defaults.
 */
function settingsOf(found: FoundModel, options: EvaluateModelOptions): { recipe: Recipe; file: string } {
  const overrides: RecipeOverrides = { ...options.overrides, set: [`data.dataset=${options.dataset}`, ...(options.overrides?.set ?? [])] };
  if (options.recipe) {
    const loaded = loadRecipe(options.recipe, overrides, options.recipesDir ?? experimentsDir);
    return { recipe: loaded.recipe, file: loaded.file };
  }
  if (found.plan && found.planFile) return { recipe: recipeFromObject(found.plan.recipe as unknown as Record<string, unknown>, overrides, found.planFile), file: found.planFile };
  return { recipe: recipeFromObject(defaultSettings(found.arm), overrides, 'the default settings', false), file: '(default settings)' };
}

function saveJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 1)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

const shapeText = (shape: readonly (number | null)[]) => shape.map((s) => s ?? '?').join('x');

/**
 * `vpixmix evaluate`: one model (trained by a run, saved, or imported from PyTorch) on the
 * five safety axes and clean error, with the same code, settings and report as a run's
 * evaluation — results.json, report.md and figures/ in the output folder.
 */
export async function evaluateModel(options: EvaluateModelOptions): Promise<EvaluateModelOutcome> {
  const { io } = options;
  const log = (line: string) => io.err(line);
  const found = findModel(options.model);
  const { recipe, file } = settingsOf(found, options);
  const backend = await initBackend(recipe.backend);
  log(`vpixmix evaluate: ${backend.summary}`);
  const model = await found.load();
  try {
    const data = await openRunData(recipe);
    const classes = model.outputs[0]?.shape[1];
    if (classes !== data.classNames.length) {
      throw new ModelFolderError(`${found.source} predicts ${classes} classes but ${recipe.data.dataset} has ${data.classNames.length}; evaluate it on a data set with its classes.`);
    }
    const want = itemShape(data);
    const takes = model.inputs[0].shape.slice(1);
    if (takes.some((size, i) => size !== null && size !== want[i]) || takes.length !== want.length) {
      throw new ModelFolderError(`${found.source} takes ${shapeText(takes)} inputs but ${recipe.data.dataset}'s items are ${shapeText(want)}; set the data size to match (e.g. --set data.size=${takes[takes.length - 2]}).`);
    }
    log(`data: ${recipe.data.dataset}, ${data.test.length} test items, ${data.classNames.length} classes; model ${found.source}`);
    const outDir = newRunFolder(path.join('evaluate', found.arm), options.out);
    const seed = options.seed ?? found.seed ?? recipe.seed;
    const unitFile = path.join(unitFolder(outDir, found.arm, seed), 'results.json');
    const createdAt = new Date().toISOString();
    log(`evaluating ${recipe.evaluation.axes.join(', ')} into ${outDir}`);
    const result = await evaluateSafety({
      model,
      data: evaluationDataOf(recipe, data),
      companions: { cacheRoot: path.join(cacheRoot(), 'eval-sets'), seed: recipe.seed, log },
      options: { settings: recipe.evaluation, seed, arm: found.arm, log, onAxisDone: (r) => saveJson(unitFile, r) },
    });
    const description = found.plan ? `trained by run ${found.plan.recipeName} (seed ${seed})` : `model from ${found.source}`;
    const report = writeReport({
      recipeName: `evaluate ${found.arm}`,
      recipeFile: file,
      recipe,
      runDir: outDir,
      arms: [{ name: found.arm, description }],
      units: [result],
      plannedUnits: 1,
      status: { state: 'complete' },
      backend: `${backend.name} (${backend.detail})`,
      createdAt,
      model: found.source,
    });
    const table = textTable(overallTable(report.summaries, recipe));
    io.out(`\n${found.arm} on the five safety axes (percent; ↓ lower is better, ↑ higher)\n${table}\n\nreport: ${report.reportFile}\nresults: ${report.resultsFile}`);
    return { outDir, result, report, table };
  } finally {
    model.dispose();
  }
}
