import type { AnyDataset } from '@vpixmix/datasets';
import { CORRUPTION_NAMES, PERTURBATION_NAMES, VIDEO_CORRUPTION_NAMES } from '@vpixmix/corruptions';
import type { EvaluatedAxis } from './results';

/** Where a -C / -P axis gets its items: generated from the test items (cached), or a folder. */
export interface CompanionSettings {
  source: 'generate' | 'folder';
  /** A -C / -P folder relative to the workspace (default datasets/<name>-c, -p). */
  folder?: string;
  /** Default: the benchmark's (defaultCorruptions / defaultPerturbations). */
  names?: readonly string[];
  /** Items (or sequences) per name (default: the settings' limit). */
  limit?: number;
}

/** PGD as DESIGN.md defines the adversarial axis. */
export interface AdversarySettings {
  norm: 'linf' | 'l2';
  eps: number;
  stepSize: number;
  steps: number;
  restarts: number;
  /** 'clean' (DESIGN.md) or 'random-start' (the reference code's projection). */
  projectAround: 'clean' | 'random-start';
  /** Attacked items (default: the settings' limit). */
  limit?: number;
}

/** How every axis is measured: a recipe's `evaluation:` section, validated. */
export interface EvaluationSettings {
  axes: readonly EvaluatedAxis[];
  /** Test items per axis (all when absent). */
  limit?: number;
  /** Items per inference batch. */
  batchSize: number;
  corruptions: CompanionSettings & { severities: readonly number[] };
  consistency: CompanionSettings;
  adversaries: AdversarySettings;
  calibration: { binSize: number };
  anomaly: { sets: readonly string[]; limit?: number };
}

/** The data a model is evaluated on: test items, their classes, and the out-of-distribution sets. */
export interface EvaluationData {
  /** The data set's name: generated -C/-P folders are named after it, and datasets/<name>-c is its -C folder. */
  name: string;
  kind: 'image' | 'clip';
  test: AnyDataset;
  classNames: readonly string[];
  /** Out-of-distribution sets by name, opened on demand. */
  ood: Readonly<Record<string, () => AnyDataset>>;
  /** Anything else that changes the items (how the data set was opened): part of generated sets' cache keys. */
  openOptions?: unknown;
}

/** The corruptions evaluated by default: the 15 of CIFAR-10-C (images) or the 15 video corruptions (clips). */
export function defaultCorruptions(isVideo: boolean): readonly string[] {
  return isVideo ? VIDEO_CORRUPTION_NAMES : CORRUPTION_NAMES;
}

/** The 10 perturbations mFR averages. */
export function defaultPerturbations(): readonly string[] {
  return PERTURBATION_NAMES;
}

/** Every axis (in a recipe's order; they are measured clean, calibration, corruptions, consistency, adversaries, anomaly). */
export const evaluatedAxes: readonly EvaluatedAxis[] = ['clean', 'corruptions', 'consistency', 'adversaries', 'calibration', 'anomaly'];

/** DESIGN.md's protocol: what a recipe's `evaluation:` section holds when it says nothing. */
export const defaultEvaluationSettings: EvaluationSettings = {
  axes: evaluatedAxes,
  batchSize: 100,
  corruptions: { source: 'generate', severities: [1, 2, 3, 4, 5] },
  consistency: { source: 'generate' },
  adversaries: { norm: 'linf', eps: 2 / 255, stepSize: 0.5 / 255, steps: 20, restarts: 1, projectAround: 'clean' },
  calibration: { binSize: 100 },
  anomaly: { sets: ['gaussian', 'rademacher', 'blobs', 'held-out'] },
};

/** Settings given in part: each section's fields fall back to defaultEvaluationSettings. */
export type EvaluationSettingsInput = Partial<Omit<EvaluationSettings, 'corruptions' | 'consistency' | 'adversaries' | 'calibration' | 'anomaly'>> & {
  corruptions?: Partial<EvaluationSettings['corruptions']>;
  consistency?: Partial<EvaluationSettings['consistency']>;
  adversaries?: Partial<AdversarySettings>;
  calibration?: Partial<EvaluationSettings['calibration']>;
  anomaly?: Partial<EvaluationSettings['anomaly']>;
};

/** Complete settings from a partial input (a recipe's validated section passes through unchanged). */
export function resolveEvaluationSettings(input: EvaluationSettingsInput = {}): EvaluationSettings {
  const d = defaultEvaluationSettings;
  return {
    ...d,
    ...input,
    corruptions: { ...d.corruptions, ...input.corruptions },
    consistency: { ...d.consistency, ...input.consistency },
    adversaries: { ...d.adversaries, ...input.adversaries },
    calibration: { ...d.calibration, ...input.calibration },
    anomaly: { ...d.anomaly, ...input.anomaly },
  };
}
