import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MixingSource } from '@vpixmix/augment-core';
import { type BackendRequest, backendEnvVar, initBackend, resolveBackendRequest } from '@vpixmix/tf-backend';
import { type ArmAugmentation, armAugmentation } from '../augment/arm-augment';
import { openMixingSource } from '../augment/mixing';
import type { CommandIo } from '../cli/command';
import {
  type CompanionSources,
  type CorruptionSource,
  type PerturbationSource,
  type UnitResult,
  evaluateSafety,
  openCorruptionSource,
  openPerturbationSource,
} from '@vpixmix/evaluation';
import { evaluationDataOf, openRunData, type RunData } from '../data/open-data';
import { type RecipeOverrides, experimentsDir, loadRecipe } from '../recipe/load-recipe';
import { type Recipe, type RecipeArm, recipeSchema } from '../recipe/schema';
import { type WrittenReport, writeReport, type RunStatus } from '../report/write-report';
import { overallTable } from '../report/tables';
import { textTable } from '../report/table';
import { checkpointFileName, readTrainLog, trainUnit, trainingFinished, trainingSummary, trainLogFileName } from '../train/train-unit';
import { cacheRoot } from '../util/cache-root';
import { prefixedStream } from '../util/prefixed-stream';
import { writeAugmentedSamples } from './augmented-samples';
import { ResumeError, RunStoppedError } from './errors';
import { StopRequestedError } from './interrupt';
import { checkResumedRecipe } from './out-folder';
import { acquireRunLock } from './run-lock';
import { markStoppedUnexpectedly, stoppedUnexpectedly } from './unexpected-stop';
import { formatPlan } from './format-plan';
import { checkRunInputs } from './preflight';
import { type StoredPlan, newRunFolder, readPlan, resumeRunFolder, unitFolder, writePlan } from './run-folder';

export interface RunOptions {
  /** Recipe name (a file in experiments/) or path to a .yaml file. */
  recipe: string;
  overrides?: RecipeOverrides;
  out?: string;
  resume?: boolean;
  dryRun?: boolean;
  /** Start a new run in a non-empty `out` folder that holds no run (its report files are overwritten). */
  force?: boolean;
  /** Aborted on Ctrl-C: training stops after its step, evaluation after its batch; a checkpoint and a partial report are written. */
  signal?: AbortSignal;
  io: CommandIo;
  /** Where training progress bars go (default process.stderr; null for none). */
  progressStream?: NodeJS.WritableStream | null;
  /** Folder of recipe files (default experiments/). */
  recipesDir?: string;
  /** Called as each stage of a unit starts (tests use it to interrupt a run). */
  onStage?(stage: 'train' | 'evaluate', arm: string, seed: number): void;
}

export interface RunOutcome {
  runDir: string;
  dryRun: boolean;
  report?: WrittenReport;
  /** The overall table as printed. */
  table?: string;
}

interface Unit {
  arm: RecipeArm;
  seed: number;
  dir: string;
}

function unitsOf(recipe: Recipe, runDir: string): Unit[] {
  const units: Unit[] = [];
  for (let s = 0; s < recipe.seeds; s++) {
    const seed = recipe.seed + s;
    for (const arm of recipe.arms) units.push({ arm, seed, dir: unitFolder(runDir, arm.name, seed) });
  }
  return units;
}

const resultsFileName = 'results.json';

function readUnit(unit: Unit): UnitResult {
  const file = path.join(unit.dir, resultsFileName);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as UnitResult;
  return { arm: unit.arm.name, seed: unit.seed };
}

function saveUnit(unit: Unit, result: UnitResult): void {
  fs.mkdirSync(unit.dir, { recursive: true });
  const file = path.join(unit.dir, resultsFileName);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 1)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

function unitComplete(recipe: Recipe, unit: Unit, result: UnitResult): boolean {
  const missing = recipe.evaluation.axes.some((axis) => result[axis] === undefined);
  return !missing && result.training !== undefined && trainingFinished(unit.dir);
}

/** The plan to run: a new one from the recipe file, or the stored one of the run being resumed. */
function resolvePlan(options: RunOptions): { plan: StoredPlan; runDir: string } {
  const overrides = Object.fromEntries(Object.entries(options.overrides ?? {}).filter(([, v]) => v !== undefined)) as RecipeOverrides;
  if (options.resume) {
    const name = path.basename(options.recipe).replace(/\.ya?ml$/, '');
    const runDir = resumeRunFolder(name, options.out);
    const stored = readPlan(runDir);
    checkResumedRecipe(runDir, name, stored.recipeName);
    // The backend may change on resume (a run started on webgpu may continue on wasm): it changes speed, not the plan.
    const differing = (Object.keys(overrides) as (keyof RecipeOverrides)[]).filter(
      (k) => k !== 'backend' && JSON.stringify(overrides[k]) !== JSON.stringify(stored.overrides[k]),
    );
    if (differing.length) {
      const was = differing.map((k) => `--${k} ${JSON.stringify(stored.overrides[k]) ?? '(not given)'}`).join(', ');
      throw new ResumeError(`${runDir} was started with ${was}; resume with the same options (or none), or start a new run.`);
    }
    return { plan: { ...stored, recipe: recipeSchema.parse(stored.recipe) }, runDir };
  }
  const loaded = loadRecipe(options.recipe, overrides, options.recipesDir ?? experimentsDir);
  const runDir = newRunFolder(loaded.name, options.out, options.force);
  return {
    plan: { format: 'vpixmix-run', version: 1, recipeName: loaded.name, recipeFile: loaded.file, recipe: loaded.recipe, overrides, createdAt: new Date().toISOString() },
    runDir,
  };
}

/** Why `signal` was aborted, as a StopRequestedError (an abort without one counts as the user's). */
function stopReason(signal: AbortSignal | undefined): StopRequestedError {
  return signal?.reason instanceof StopRequestedError ? signal.reason : new StopRequestedError('abort');
}

/** "at epoch 2/6 step 37/128 of pixmix (seed 0)", from the training log's stop record. */
function stoppedWhere(dir: string, label: string): string {
  const stop = readTrainLog(path.join(dir, trainLogFileName)).filter((r) => r.event === 'stop').pop();
  return stop ? `at epoch ${stop.epoch + 1}/${stop.epochs} step ${stop.batch}/${stop.batchesPerEpoch} of ${label}` : `while training ${label}`;
}

function resumeCommand(plan: StoredPlan, runDir: string): string {
  return `npx vpixmix run ${plan.recipeName} --resume --out ${path.relative(process.cwd(), runDir) || runDir}`;
}

/** Opens each distinct mixing source once (arms may share one). */
function mixingSources(data: RunData, warn: (line: string) => void) {
  const opened = new Map<string, Promise<MixingSource>>();
  const frames = data.train.kind === 'clip' ? data.train.frames : 1;
  return (arm: RecipeArm): Promise<MixingSource | undefined> => {
    if (!arm.mixing) return Promise.resolve(undefined);
    const key = JSON.stringify(arm.mixing);
    let source = opened.get(key);
    if (!source) {
      source = openMixingSource(arm.mixing, data.train.width, frames, warn);
      opened.set(key, source);
    }
    return source;
  };
}

/**
 * Runs a recipe: checks every input before any work, then per seed and arm trains (with
 * checkpoints), evaluates every requested axis and rewrites the report. An error or Ctrl-C
 * keeps the checkpoints, writes a partial report and throws RunStoppedError saying how to
 * resume; `resume` continues a stopped run where it stopped.
 */
export async function runRecipe(options: RunOptions): Promise<RunOutcome> {
  const { io } = options;
  const { plan, runDir } = resolvePlan(options);
  // A run that died "in progress" (SIGKILL, a crash): its report says so from now on.
  const crashed = options.resume ? stoppedUnexpectedly(runDir) : undefined;
  if (crashed) markStoppedUnexpectedly(runDir, resumeCommand(plan, runDir));
  const { recipe } = plan;
  // --backend (also on resume) > VPIXMIX_BACKEND > the recipe's (as the run was planned).
  const backendRequest = resolveBackendRequest(options.overrides?.backend as BackendRequest | undefined, recipe.backend);
  const descriptions = new Map(recipe.arms.map((arm) => [arm.name, armAugmentation(arm, undefined).description]));
  if (options.dryRun) {
    io.out(formatPlan({ recipeName: plan.recipeName, recipeFile: plan.recipeFile, recipe: { ...recipe, backend: backendRequest.request }, runDir, resume: Boolean(options.resume), describeArm: (name) => descriptions.get(name) ?? '' }));
    checkRunInputs(plan.recipeName, recipe);
    io.out('  data         every input is present');
    if (crashed) io.out(`  status       the run stopped unexpectedly (no clean exit); resume with: ${resumeCommand(plan, runDir)}`);
    return { runDir, dryRun: true };
  }
  checkRunInputs(plan.recipeName, recipe);

  const log = (line: string) => io.err(line);
  const lock = acquireRunLock(runDir);
  try {
    const gone = lock.staleHolder ?? crashed?.holder;
    if (crashed || lock.staleHolder) {
      log(`the previous run in ${runDir}${gone ? ` (process ${gone.pid}, started ${gone.startedAt})` : ''} stopped unexpectedly (no clean exit); resuming from its last checkpoint`);
    }
    return await runLocked(options, plan, runDir, log, descriptions, { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
  } finally {
    lock.release();
  }
}

async function runLocked(
  options: RunOptions,
  plan: StoredPlan,
  runDir: string,
  log: (line: string) => void,
  descriptions: Map<string, string>,
  owner: NonNullable<RunStatus['process']>,
): Promise<RunOutcome> {
  const { io } = options;
  const { recipe } = plan;
  // --backend (also on resume) > VPIXMIX_BACKEND > the recipe's (as the run was planned).
  const backendRequest = resolveBackendRequest(options.overrides?.backend as BackendRequest | undefined, recipe.backend);
  const backend = await initBackend(backendRequest.request);
  const fromEnv = backendRequest.source === 'env' ? ` (${backendEnvVar}=${backendRequest.request})` : '';
  log(`vpixmix run ${plan.recipeName}: ${backend.summary}${fromEnv}`);
  if (!options.resume) writePlan(runDir, { ...plan, backend: backend.name });
  // A run may resume on another backend than it started on (e.g. webgpu, then wasm); the log and report say so.
  const backendNote = options.resume && plan.backend && plan.backend !== backend.name ? `resumed on ${backend.name}; started on ${plan.backend}` : '';
  log(`run folder: ${runDir}${options.resume ? ` (resuming${backendNote ? `; ${backendNote}` : ''})` : ''}`);
  const command = resumeCommand(plan, runDir);

  const units = unitsOf(recipe, runDir);
  const arms = recipe.arms.map((arm) => ({ name: arm.name, description: descriptions.get(arm.name) ?? '' }));
  const results = new Map<Unit, UnitResult>(units.map((u) => [u, readUnit(u)]));
  let samples: { png?: string; gif?: string } | undefined;
  const report = (status: RunStatus): WrittenReport =>
    writeReport({
      recipeName: plan.recipeName,
      recipeFile: plan.recipeFile,
      recipe,
      runDir,
      arms,
      units: [...results.values()].filter((r) => r.training || r.clean || r.corruptions),
      plannedUnits: units.length,
      status,
      backend: `${backend.name} (${backend.detail})${backendNote ? `; ${backendNote}` : ''}`,
      createdAt: plan.createdAt,
      samples,
    });

  report({ state: 'running', process: owner, resumeCommand: command });
  /** What the run is doing, for "stopped by you ..." */
  let stage = '';

  let corruptionSource: Promise<CorruptionSource> | undefined;
  let perturbationSource: Promise<PerturbationSource> | undefined;
  try {
    const data = await openRunData(recipe);
    log(`data: ${recipe.data.dataset}, ${data.train.length} training and ${data.test.length} test items, ${data.classNames.length} classes`);
    const mixingFor = mixingSources(data, log);
    const augmentations = new Map<string, ArmAugmentation>();
    for (const arm of recipe.arms) augmentations.set(arm.name, armAugmentation(arm, await mixingFor(arm)));
    const samplesFile = path.join(runDir, 'figures', 'augmented-samples.png');
    samples = fs.existsSync(samplesFile)
      ? { png: 'figures/augmented-samples.png', ...(data.kind === 'clip' ? { gif: 'figures/augmented-samples.gif' } : {}) }
      : await writeAugmentedSamples(runDir, data.train, recipe.arms.map((a) => ({ name: a.name, augmentation: augmentations.get(a.name) as ArmAugmentation })), recipe.seed);
    const evalSets = path.join(cacheRoot(), 'eval-sets');
    const evaluationData = evaluationDataOf(recipe, data);
    const generated = { cacheRoot: evalSets, seed: recipe.seed, log };
    // Opened once, shared by every arm and seed.
    const companions: CompanionSources = {
      corruptions: () => (corruptionSource ??= openCorruptionSource(recipe.evaluation, evaluationData, generated)),
      perturbations: () => (perturbationSource ??= openPerturbationSource(recipe.evaluation, evaluationData, generated)),
    };

    for (const unit of units) {
      const label = `${unit.arm.name} (seed ${unit.seed})`;
      const result = results.get(unit) as UnitResult;
      if (unitComplete(recipe, unit, result)) {
        log(`${label}: done earlier, skipped`);
        continue;
      }
      options.signal?.throwIfAborted();
      stage = `before training ${label}`;
      options.onStage?.('train', unit.arm.name, unit.seed);
      const resuming = fs.existsSync(path.join(unit.dir, checkpointFileName));
      log(`${label}: ${resuming ? 'resuming training' : 'training'} ${recipe.model.name} for ${recipe.training.epochs} epochs — ${descriptions.get(unit.arm.name)}`);
      const stream = options.progressStream === undefined ? process.stderr : options.progressStream;
      const trained = await trainUnit({
        recipe,
        arm: unit.arm,
        seed: unit.seed,
        data,
        augmentation: augmentations.get(unit.arm.name) as ArmAugmentation,
        dir: unit.dir,
        resume: resuming,
        signal: options.signal,
        stream: stream ? prefixedStream(stream, `  [${unit.arm.name} s${unit.seed}] `) : null,
      });
      try {
        result.training = trained.training;
        saveUnit(unit, result);
        if (trained.stopped) {
          stage = stoppedWhere(unit.dir, label);
          throw stopReason(options.signal);
        }
        stage = `while evaluating ${label} (finished axes are kept)`;
        options.onStage?.('evaluate', unit.arm.name, unit.seed);
        log(`${label}: evaluating ${recipe.evaluation.axes.join(', ')}`);
        await evaluateSafety({
          model: trained.model,
          data: evaluationData,
          companions,
          options: {
            settings: recipe.evaluation,
            seed: unit.seed,
            resume: result,
            log,
            signal: options.signal,
            onAxisDone: (r) => {
              saveUnit(unit, r);
              if (options.signal?.aborted) throw stopReason(options.signal);
            },
          },
        });
      } finally {
        trained.model.dispose();
      }
      report({ state: 'running', process: owner, resumeCommand: command });
    }
  } catch (error) {
    // Units whose training ran have a log even if the error came before their results were saved.
    for (const unit of units) {
      const result = results.get(unit) as UnitResult;
      if (!result.training && fs.existsSync(path.join(unit.dir, trainLogFileName))) result.training = trainingSummary(path.join(unit.dir, trainLogFileName));
    }
    if (error instanceof StopRequestedError || options.signal?.aborted) {
      const stop = error instanceof StopRequestedError ? error : stopReason(options.signal);
      const where = stage || 'before training started';
      const written = report({ state: 'partial', stop: 'you', where, error: `you (${stop.signalName}) ${where}`, resumeCommand: command });
      throw new RunStoppedError(
        `stopped by you ${where}.\nIts checkpoints and a partial report are in ${runDir} (${path.basename(written.reportFile)}).\nResume with: ${command}`,
        runDir,
        stop,
      );
    }
    const message = error instanceof Error ? `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
    const written = report({ state: 'partial', stop: 'error', error: message, resumeCommand: command });
    throw new RunStoppedError(
      `${message}\nThe run stopped; its checkpoints and a partial report are in ${runDir} (${path.basename(written.reportFile)}).\nContinue it with: ${command}`,
      runDir,
      error,
    );
  } finally {
    (await corruptionSource?.catch(() => undefined))?.close();
    (await perturbationSource?.catch(() => undefined))?.close();
  }
  const written = report({ state: 'complete' });
  const table = textTable(overallTable(written.summaries, recipe));
  io.out(`\n${plan.recipeName}: every arm on the five safety axes (percent; ↓ lower is better, ↑ higher)\n${table}\n\nreport: ${written.reportFile}\nresults: ${written.resultsFile}`);
  return { runDir, dryRun: false, report: written, table };
}
