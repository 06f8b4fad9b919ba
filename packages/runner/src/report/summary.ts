import type { UnitResult } from '@vpixmix/evaluation';
import type { ReferenceMetric } from '../recipe/schema';

/** A measure over seeds: mean, sample standard deviation (0 for one seed) and the values. */
export interface Stat {
  mean: number;
  std: number;
  values: number[];
}

export function stat(values: readonly number[]): Stat | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const variance = finite.length > 1 ? finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (finite.length - 1) : 0;
  return { mean, std: Math.sqrt(variance), values: finite };
}

/** The overall table's rows: clean error and one headline number per safety axis. */
export interface HeadlineMetric {
  key: ReferenceMetric;
  label: string;
  axis: string;
  /** Lower is better (errors) or higher (AUROC). */
  better: 'lower' | 'higher';
  pick(unit: UnitResult): number | undefined;
}

export const headlineMetrics: readonly HeadlineMetric[] = [
  { key: 'clean', label: 'Clean error', axis: 'accuracy', better: 'lower', pick: (u) => u.clean?.error },
  { key: 'mCE', label: 'Corruptions mCE', axis: 'corruptions', better: 'lower', pick: (u) => u.corruptions?.mce },
  { key: 'mFR', label: 'Consistency mFR', axis: 'consistency', better: 'lower', pick: (u) => u.consistency?.mfr },
  { key: 'PGD', label: 'Adversaries PGD error', axis: 'adversaries', better: 'lower', pick: (u) => u.adversaries?.error },
  { key: 'RMS', label: 'Calibration RMS error', axis: 'calibration', better: 'lower', pick: (u) => u.calibration?.rms },
  { key: 'AUROC', label: 'Anomaly AUROC', axis: 'anomaly', better: 'higher', pick: (u) => u.anomaly?.auroc },
];

export interface ArmSummary {
  arm: string;
  description: string;
  /** Seeds with results. */
  seeds: number[];
  units: UnitResult[];
  headline: Partial<Record<ReferenceMetric, Stat>>;
}

/** Groups unit results by arm (in recipe order) and takes mean ± std of each headline metric over seeds. */
export function summarize(arms: readonly { name: string; description: string }[], units: readonly UnitResult[]): ArmSummary[] {
  return arms.map((arm) => {
    const mine = units.filter((u) => u.arm === arm.name);
    const headline: Partial<Record<ReferenceMetric, Stat>> = {};
    for (const metric of headlineMetrics) {
      const s = stat(mine.map((u) => metric.pick(u)).filter((v): v is number => v !== undefined));
      if (s) headline[metric.key] = s;
    }
    return { arm: arm.name, description: arm.description, seeds: mine.map((u) => u.seed), units: mine, headline };
  });
}

/** Mean ± std over seeds of any per-unit number (undefined where no unit has it). */
export function statOf(units: readonly UnitResult[], pick: (unit: UnitResult) => number | undefined): Stat | undefined {
  return stat(units.map(pick).filter((v): v is number => v !== undefined));
}

/** "12.3" for one seed, "12.3 ± 0.4" for several. */
export function formatStat(s: Stat | undefined, digits = 1): string {
  if (!s) return '—';
  return s.values.length > 1 ? `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}` : s.mean.toFixed(digits);
}
