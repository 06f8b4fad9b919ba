import fs from 'node:fs';
import path from 'node:path';
import type { UnitResult } from '@vpixmix/evaluation';
import { formatEps } from '@vpixmix/evaluation';
import type { Recipe } from '../recipe/schema';
import { writeFigure } from './figures/render';
import { corruptionBarsFigure, overallFigure, reliabilityFigure, rocFigure, severityFigure, trainingFigure } from './run-figures';
import { type ArmSummary, summarize } from './summary';
import { markdownTable, type Table } from './table';
import {
  adversariesTable,
  anomalyTable,
  calibrationTable,
  cleanTable,
  consistencyTable,
  corruptionTable,
  overallTable,
  trainingTable,
} from './tables';

export interface RunStatus {
  state: 'complete' | 'partial' | 'running';
  /** What stopped a partial run, and how to continue it. */
  error?: string;
  resumeCommand?: string;
  /** Why a partial run stopped: Ctrl-C/SIGTERM ('you'), an error, or a process that died without a clean exit. */
  stop?: 'you' | 'error' | 'unexpected';
  /** Where it stopped, e.g. "at epoch 2/6 step 37/128 of pixmix (seed 0)". */
  where?: string;
  /** A running run: the process writing it. */
  process?: { pid: number; host: string; startedAt: string };
}

export interface ReportInput {
  recipeName: string;
  recipeFile: string;
  recipe: Recipe;
  runDir: string;
  arms: readonly { name: string; description: string }[];
  units: readonly UnitResult[];
  /** Units the plan has (arm x seed), to say what is missing. */
  plannedUnits: number;
  status: RunStatus;
  backend?: string;
  createdAt: string;
  /** Paths (relative to the run folder) of the augmented-sample pictures, when written. */
  samples?: { png?: string; gif?: string };
  /** The evaluated model, when the report is of a model evaluated on its own (`vpixmix evaluate`), not trained here. */
  model?: string;
}

export interface WrittenReport {
  resultsFile: string;
  reportFile: string;
  figures: string[];
  summaries: ArmSummary[];
}

function writeAtomically(file: string, content: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

function section(title: string, table: Table | undefined, notes: string[] = [], figures: string[] = []): string[] {
  if (!table) return [];
  return [`## ${title}`, '', ...notes.flatMap((n) => [n, '']), markdownTable(table), '', ...figures.flatMap((f) => [`![${title}](${f})`, ''])];
}

function setupLines(input: ReportInput): string[] {
  const r = input.recipe;
  const e = r.evaluation;
  const t = r.training;
  const limits = [r.data.limit.train ? `train ${r.data.limit.train}` : '', r.data.limit.test ? `test ${r.data.limit.test}` : ''].filter(Boolean).join(', ');
  if (input.model) {
    return [
      `- Settings: \`${path.relative(process.cwd(), input.recipeFile) || input.recipeFile}\``,
      `- Model: \`${input.model}\` (${input.arms.map((a) => `**${a.name}**, ${a.description}`).join('; ')})`,
      `- Data: ${r.data.dataset}${limits ? ` (limited to ${limits} items)` : ''}; backend ${input.backend ?? r.backend}`,
      `- Evaluation: axes ${e.axes.join(', ')}; PGD ${e.adversaries.norm === 'linf' ? 'L-inf' : 'L2'} eps ${formatEps(e.adversaries.eps)}, ${e.adversaries.steps} steps of ${formatEps(e.adversaries.stepSize)}, projection around the ${e.adversaries.projectAround === 'clean' ? 'clean input' : 'random start'}; calibration bins of ${e.calibration.binSize}; anomaly score -max softmax probability (OOD positive); PGD seed ${input.units[0]?.seed ?? r.seed}`,
    ];
  }
  return [
    `- Recipe: \`${path.relative(process.cwd(), input.recipeFile) || input.recipeFile}\`${r.description ? ` — ${r.description}` : ''}`,
    `- Data: ${r.data.dataset}${limits ? ` (limited to ${limits} items)` : ''}; model ${r.model.name}; backend ${input.backend ?? r.backend}`,
    `- Training: ${t.epochs} epochs, batch ${t.batchSize}, SGD lr ${t.lr} (${t.schedule}${t.schedule === 'cosine' ? ` to ${t.minLr}` : ''}), momentum ${t.momentum}${t.nesterov ? ' Nesterov' : ''}, weight decay ${t.weightDecay}`,
    `- Seeds: ${r.seeds} (${Array.from({ length: r.seeds }, (_, i) => r.seed + i).join(', ')})${r.seeds > 1 ? '; tables give mean ± standard deviation over seeds' : ''}`,
    `- Arms: ${input.arms.map((a) => `**${a.name}** (${a.description})`).join('; ')}`,
    `- Evaluation: axes ${e.axes.join(', ')}; PGD ${e.adversaries.norm === 'linf' ? 'L-inf' : 'L2'} eps ${formatEps(e.adversaries.eps)}, ${e.adversaries.steps} steps of ${formatEps(e.adversaries.stepSize)}, projection around the ${e.adversaries.projectAround === 'clean' ? 'clean input' : 'random start'}; calibration bins of ${e.calibration.binSize}; anomaly score -max softmax probability (OOD positive)`,
  ];
}

function statusLines(input: ReportInput): string[] {
  const { status } = input;
  if (status.state === 'complete') return [`Status: **complete** (${input.units.length} of ${input.plannedUnits} arm/seed runs).`];
  const resume = status.resumeCommand ? ` — resume with \`${status.resumeCommand}\`` : '';
  const have = `${input.units.length} of ${input.plannedUnits} arm/seed runs have results; missing axes show as —.`;
  if (status.stop === 'you') return [`Status: **stopped by you**${status.where ? ` ${status.where}` : ''}${resume}.`, '', have];
  if (status.stop === 'unexpected') return [`Status: **stopped unexpectedly (no clean exit)**${status.where ? ` ${status.where}` : ''}${resume}.`, '', have];
  if (status.state === 'running' && status.process) {
    const p = status.process;
    return [
      `Status: **in progress** (process ${p.pid} on ${p.host}, started ${p.startedAt}) — ${have}`,
      '',
      `If that process is no longer running, the run stopped unexpectedly (no clean exit)${resume}.`,
    ];
  }
  const lines = [`Status: **${status.state === 'running' ? 'in progress' : 'partial'}** — ${input.units.length} of ${input.plannedUnits} arm/seed runs have results; missing axes show as —.`];
  if (status.error) lines.push('', `Stopped by: ${status.error}`);
  if (status.resumeCommand) lines.push('', `Continue with: \`${status.resumeCommand}\``);
  return lines;
}

/**
 * Writes results.json, report.md and the figures (PNG + SVG) into the run folder, from
 * whatever results exist: a partial run gets a partial report.
 */
export function writeReport(input: ReportInput): WrittenReport {
  const figuresDir = path.join(input.runDir, 'figures');
  fs.mkdirSync(figuresDir, { recursive: true });
  const summaries = summarize(input.arms, input.units);
  const figures: string[] = [];
  const figure = (name: string, svg: string | undefined): string[] => {
    if (!svg) return [];
    const png = writeFigure(path.join(figuresDir, name), svg);
    figures.push(png);
    return [path.relative(input.runDir, png)];
  };
  const overall = overallTable(summaries, input.recipe);
  const referenceNote = input.recipe.referenceSource ? [`Published values: ${input.recipe.referenceSource}.`] : [];
  const samples = input.samples;
  const md = [
    `# ${input.recipeName}`,
    '',
    ...statusLines(input),
    '',
    ...setupLines(input),
    '',
    ...section('Overall: every arm on the five safety axes', overall, ['Percent; ↓ lower is better, ↑ higher is better.', ...referenceNote], figure('overall', overallFigure(summaries))),
    ...section('Training', trainingTable(summaries), [], figure('training-curves', trainingFigure(summaries))),
    ...section('Clean accuracy', input.units.some((u) => u.clean) ? cleanTable(summaries) : undefined),
    ...section(
      'Corruptions',
      corruptionTable(summaries),
      [`Top-1 error per corruption (mean over severities) and per severity (mean over corruptions); mCE is the mean over both, unnormalised. Items: ${input.units.find((u) => u.corruptions)?.corruptions?.source ?? ''}.`],
      [...figure('corruption-severity', severityFigure(summaries)), ...figure('corruption-errors', corruptionBarsFigure(summaries))],
    ),
    ...section('Consistency', consistencyTable(summaries), [
      `Flip probability per perturbation sequence (each step against the previous one; noise sequences against step 0); mFR is their mean. Sequences: ${input.units.find((u) => u.consistency)?.consistency?.source ?? ''}.`,
    ]),
    ...section('Adversaries', adversariesTable(summaries), ['Error under PGD; the same eps bounds every pixel (and every frame of a clip).']),
    ...section('Calibration', calibrationTable(summaries), ['RMS calibration error over confidence-sorted bins (all bins counted); "corrupted" is the mean over the corruption sets.'], figure('reliability', reliabilityFigure(summaries))),
    ...section('Anomaly detection', anomalyTable(summaries), ['Score: -max softmax probability; the OOD set is the positive class.'], figure('roc', rocFigure(summaries))),
    ...(samples?.png || samples?.gif
      ? [
          '## Augmented samples',
          '',
          `Rows: original, ${input.arms.map((a) => a.name).join(', ')}.`,
          '',
          ...(samples.png ? [`![augmented samples](${samples.png})`, ''] : []),
          ...(samples.gif ? [`![augmented clips](${samples.gif})`, ''] : []),
        ]
      : []),
  ].join('\n');
  const reportFile = path.join(input.runDir, 'report.md');
  writeAtomically(reportFile, `${md}\n`);
  const resultsFile = path.join(input.runDir, 'results.json');
  const results = {
    recipe: input.recipeName,
    recipeFile: input.recipeFile,
    ...(input.model ? { model: input.model } : {}),
    status: input.status,
    createdAt: input.createdAt,
    updatedAt: new Date().toISOString(),
    backend: input.backend,
    units: { planned: input.plannedUnits, done: input.units.length },
    arms: summaries.map((s) => ({ name: s.arm, description: s.description, seeds: s.seeds, headline: s.headline })),
    references: input.recipe.references,
    results: input.units,
    resolvedRecipe: input.recipe,
  };
  writeAtomically(resultsFile, `${JSON.stringify(results, null, 1)}\n`);
  return { resultsFile, reportFile, figures, summaries };
}
