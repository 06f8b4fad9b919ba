import path from 'node:path';
import { getDataset } from '@vpixmix/datasets';
import { formatEps } from '@vpixmix/evaluation';
import { defaultCorruptions, defaultPerturbations } from '@vpixmix/evaluation';
import { type Recipe, videoDatasets } from '../recipe/schema';

export interface PlanView {
  recipeName: string;
  recipeFile: string;
  recipe: Recipe;
  runDir: string;
  resume: boolean;
  /** Arm descriptions, by name. */
  describeArm(name: string): string;
}

/** The data set's one-line summary, at the size the recipe draws it (shapes: data.size; clips: clip.size). */
function datasetSummary(r: Recipe): string {
  const summary = getDataset(r.data.dataset).summary;
  const size = r.data.size ?? r.data.clip?.size;
  return size === undefined ? summary : summary.replace(/\b32x32\b/, `${size}x${size}`);
}

/** The resolved plan as `--dry-run` prints it: what will be trained, evaluated and written, and where. */
export function formatPlan(view: PlanView): string {
  const { recipe: r } = view;
  const e = r.evaluation;
  const isVideo = videoDatasets.includes(r.data.dataset);
  const seeds = Array.from({ length: r.seeds }, (_, i) => r.seed + i);
  const limit = (n: number | undefined) => (n === undefined ? 'all' : String(n));
  const lines = [
    `plan for recipe '${view.recipeName}' (${path.relative(process.cwd(), view.recipeFile) || view.recipeFile})${r.description ? `: ${r.description}` : ''}`,
    `  run folder   ${view.runDir}${view.resume ? ' (resuming)' : ''}`,
    `  backend      ${r.backend}`,
    `  data         ${r.data.dataset} — ${datasetSummary(r)}`,
    `               train items: ${limit(r.data.limit.train)}, test items: ${limit(r.data.limit.test)}${r.data.clip ? `, clips ${JSON.stringify(r.data.clip)}` : ''}`,
    `  model        ${r.model.name}${r.model.dropout !== undefined ? ` (dropout ${r.model.dropout})` : ''}`,
    `  training     ${r.training.epochs} epochs, batch ${r.training.batchSize}, SGD lr ${r.training.lr} ${r.training.schedule}, momentum ${r.training.momentum}${r.training.nesterov ? ' Nesterov' : ''}, weight decay ${r.training.weightDecay}, checkpoint every ${r.training.checkpointEvery} steps`,
    `  seeds        ${seeds.join(', ')}`,
    `  arms`,
    ...r.arms.map((arm) => `    ${arm.name.padEnd(24)} ${view.describeArm(arm.name)}`),
    `  evaluation   axes: ${e.axes.join(', ')}; items per axis: ${limit(e.limit)}; batch ${e.batchSize}`,
  ];
  if (e.axes.includes('corruptions')) {
    const names = e.corruptions.names ?? defaultCorruptions(isVideo);
    lines.push(`    corruptions  ${e.corruptions.source}${e.corruptions.folder ? ` ${e.corruptions.folder}` : ''}; ${names.length} corruptions x severities ${e.corruptions.severities.join(',')}; items ${limit(e.corruptions.limit ?? e.limit)}: ${names.join(', ')}`);
  }
  if (e.axes.includes('consistency')) {
    const names = e.consistency.names ?? defaultPerturbations();
    lines.push(`    consistency  ${e.consistency.source}${e.consistency.folder ? ` ${e.consistency.folder}` : ''}; sequences ${limit(e.consistency.limit ?? e.limit)}: ${names.join(', ')}`);
  }
  if (e.axes.includes('adversaries')) {
    const a = e.adversaries;
    lines.push(`    adversaries  PGD ${a.norm} eps ${formatEps(a.eps)}, ${a.steps} steps of ${formatEps(a.stepSize)}, ${a.restarts} restart(s), around the ${a.projectAround}; items ${limit(a.limit ?? e.limit)}`);
  }
  if (e.axes.includes('calibration')) lines.push(`    calibration  RMS, bins of ${e.calibration.binSize}`);
  if (e.axes.includes('anomaly')) lines.push(`    anomaly      -MSP on ${e.anomaly.sets.join(', ')}; items per set ${e.anomaly.limit ?? 'a fifth of the test items'}`);
  lines.push(`  writes       results.json, report.md, figures/*.png (+ .svg), arms/<arm>/seed-<s>/ (checkpoint, train.jsonl, results.json)`);
  lines.push(`  units        ${r.arms.length} arms x ${r.seeds} seeds = ${r.arms.length * r.seeds} trainings`);
  return lines.join('\n');
}
