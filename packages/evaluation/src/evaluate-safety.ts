import type * as tfl from '@tensorflow/tfjs-layers';
import type { LogitsFunction } from '@vpixmix/attacks';
import type { CountEvent, LineSink } from '@vpixmix/datasets';
import { type CompanionContext, type CorruptionSource, type PerturbationSource, openCorruptionSource, openPerturbationSource } from './companions/companions';
import { EvaluationArgumentError } from './errors';
import { evaluateUnit } from './evaluate-unit';
import { type EvaluatedModel, logitsOf, modelOf } from './model';
import type { EvaluatedAxis, UnitResult } from './results';
import { type EvaluationData, type EvaluationSettingsInput, evaluatedAxes, resolveEvaluationSettings } from './settings';

/** -C / -P sources already opened (shared by several models; the caller closes them). */
export interface CompanionSources {
  corruptions(): Promise<CorruptionSource>;
  perturbations(): Promise<PerturbationSource>;
}

/** One step of the evaluation: which axis, and how far its counted job is. */
export interface SafetyProgress extends CountEvent {
  axis: EvaluatedAxis;
}

export interface SafetyOptions {
  /** How each axis is measured (any part; the rest is DESIGN.md's protocol, defaultEvaluationSettings). */
  settings?: EvaluationSettingsInput;
  /** The PGD random start's seed, recorded as the result's `seed` (default 0). */
  seed?: number;
  /** The result's `arm` label (default 'model'). */
  arm?: string;
  /** A result to continue, filled in place and returned: axes it holds are not measured again. */
  resume?: UnitResult;
  /** Called after each axis with the result so far (save it, and an interrupted evaluation resumes there). */
  onAxisDone?(result: UnitResult): void;
  /** Called as each axis starts. */
  onAxisStart?(axis: EvaluatedAxis): void;
  /** Called after every batch of every axis. */
  onProgress?(event: SafetyProgress): void;
  /** Progress lines (at most one per 5 s per job), e.g. to stderr. */
  log?: (line: string) => void;
  /** Stops the evaluation (an AbortError after the axis in progress is saved); the result so far stays in `resume`. */
  signal?: AbortSignal;
}

export interface SafetyInput {
  /** A TF.js layers model taking DESIGN.md's input (`2x - 1`)... */
  model?: tfl.LayersModel;
  /** ...or any logits(batch) function taking inputs in [0, 1] (differentiable, for PGD). */
  logits?: LogitsFunction;
  /** Classes of `logits`' output (default: the data's). */
  numClasses?: number;
  /** The test items, classes and OOD sets (images or clips). */
  data: EvaluationData;
  /** Where the -C / -P items come from: how to open them (a cache folder and seed), or sources already open. */
  companions: CompanionContext | CompanionSources;
  /** The axes to measure (default: the settings', all of them). */
  axes?: readonly EvaluatedAxis[];
  options?: SafetyOptions;
}

function evaluatedModel(input: SafetyInput): EvaluatedModel {
  if (input.model && input.logits) throw new EvaluationArgumentError('model / logits', 'are both given; pass one: a TF.js model or a logits(batch) function.');
  if (input.model) return modelOf(input.model);
  if (input.logits) return logitsOf(input.logits, input.numClasses ?? input.data.classNames.length);
  throw new EvaluationArgumentError('model', 'is missing: pass { model } (a TF.js LayersModel) or { logits } (a function of a [0, 1] batch).');
}

const isSources = (companions: SafetyInput['companions']): companions is CompanionSources => typeof (companions as CompanionSources).corruptions === 'function';

/**
 * Measures a classifier on the five ML-safety axes and clean error, for images or clips:
 * clean top-1/top-5 error, RMS calibration error (clean and over the corruptions),
 * corruption error per corruption and severity (mCE), flip probability per perturbation
 * (mFR), error under PGD, and anomaly detection (AUROC, AUPR, FPR95) per OOD set.
 * Resolves to what a run writes as a unit's results.json (`arm`, `seed`, one entry per axis,
 * `evalSeconds`); the same model, data and settings give the same numbers as `vpixmix run`.
 */
export async function evaluateSafety(input: SafetyInput): Promise<UnitResult> {
  const options = input.options ?? {};
  const model = evaluatedModel(input);
  const settings = resolveEvaluationSettings({ ...options.settings, ...(input.axes ? { axes: input.axes } : {}) });
  const unknown = settings.axes.filter((axis) => !evaluatedAxes.includes(axis));
  if (unknown.length) throw new EvaluationArgumentError('axes', `has ${unknown.join(', ')}; the axes are ${evaluatedAxes.join(', ')}.`);
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) throw new EvaluationArgumentError('settings.batchSize', `must be an integer >= 1, got ${settings.batchSize}.`);
  const seed = options.seed ?? options.resume?.seed ?? 0;
  const result: UnitResult = options.resume ?? { arm: options.arm ?? 'model', seed };

  let axis: EvaluatedAxis = settings.axes[0];
  const log: LineSink = Object.assign((line: string) => options.log?.(line), {
    onCount: (event: CountEvent) => options.onProgress?.({ ...event, axis }),
  });
  const companions = input.companions;
  const opened: { corruptions?: Promise<CorruptionSource>; perturbations?: Promise<PerturbationSource> } = {};
  const sources: CompanionSources = isSources(companions)
    ? companions
    : {
        corruptions: () => (opened.corruptions ??= openCorruptionSource(settings, input.data, { ...companions, log: companions.log ?? log })),
        perturbations: () => (opened.perturbations ??= openPerturbationSource(settings, input.data, { ...companions, log: companions.log ?? log })),
      };
  try {
    await evaluateUnit(
      model,
      result,
      {
        settings,
        data: input.data,
        log,
        signal: options.signal,
        corruptions: () => {
          axis = 'corruptions'; // generating the -C items reports as part of the axis
          return sources.corruptions();
        },
        perturbations: () => {
          axis = 'consistency';
          return sources.perturbations();
        },
        onAxisStart: (name) => {
          axis = name;
          options.onAxisStart?.(name);
        },
      },
      (r) => {
        options.onAxisDone?.(r);
        options.signal?.throwIfAborted();
      },
    );
  } finally {
    (await opened.corruptions?.catch(() => undefined))?.close();
    (await opened.perturbations?.catch(() => undefined))?.close();
  }
  return result;
}
