import { formatDuration } from '@vpixmix/models';
import type { UnitResult } from '@vpixmix/evaluation';
import type { Recipe } from '../recipe/schema';
import { type ArmSummary, formatStat, headlineMetrics, statOf } from './summary';
import type { Table } from './table';

const arrow = (better: 'lower' | 'higher') => (better === 'lower' ? '↓' : '↑');

/** Every arm side by side on clean error and the five axes, plus published values where the recipe gives them. */
export function overallTable(summaries: readonly ArmSummary[], recipe: Recipe): Table {
  const referenceArms = [...new Set(Object.values(recipe.references).flatMap((values) => Object.keys(values ?? {})))];
  const headers = ['Measure (%)', ...summaries.map((s) => s.arm), ...referenceArms.map((arm) => `published ${arm}`)];
  const rows = headlineMetrics
    .filter((m) => m.key === 'clean' || recipe.evaluation.axes.includes(m.axis as never) || summaries.some((s) => s.headline[m.key]))
    .map((m) => [
      `${m.label} ${arrow(m.better)}`,
      ...summaries.map((s) => formatStat(s.headline[m.key])),
      ...referenceArms.map((arm) => {
        const value = recipe.references[m.key]?.[arm];
        return value === undefined ? '—' : value.toFixed(1);
      }),
    ]);
  return { headers, rows };
}

function perArm(summaries: readonly ArmSummary[], label: string, pick: (u: UnitResult) => number | undefined, digits = 1): string[] {
  return [label, ...summaries.map((s) => formatStat(statOf(s.units, pick), digits))];
}

function armHeaders(first: string, summaries: readonly ArmSummary[]): string[] {
  return [first, ...summaries.map((s) => s.arm)];
}

export function trainingTable(summaries: readonly ArmSummary[]): Table {
  return {
    // The curve plots the loss of each step; its last point is the last step's loss, which the
    // last epoch's mean (over all its batches) need not equal: both are shown, named as such.
    headers: ['Arm', 'Epochs', 'Last epoch mean loss', 'Last step loss (curve end)', 'Last epoch train acc. (%)', 'Training time'],
    rows: summaries.map((s) => {
      const last = (u: UnitResult) => u.training?.epochs[u.training.epochs.length - 1];
      const lastStep = (u: UnitResult) => u.training?.steps[u.training.steps.length - 1]?.[1];
      const time = statOf(s.units, (u) => u.training?.seconds);
      return [
        s.arm,
        String(Math.max(0, ...s.units.map((u) => u.training?.epochs.length ?? 0))),
        formatStat(statOf(s.units, (u) => last(u)?.loss), 3),
        formatStat(statOf(s.units, lastStep), 3),
        formatStat(statOf(s.units, (u) => last(u)?.accuracy)),
        time ? formatDuration(time.mean) : '—',
      ];
    }),
  };
}

export function cleanTable(summaries: readonly ArmSummary[]): Table {
  return {
    headers: ['Arm', 'Top-1 error (%)', 'Top-5 error (%)', 'Test items'],
    rows: summaries.map((s) => [
      s.arm,
      formatStat(statOf(s.units, (u) => u.clean?.error)),
      formatStat(statOf(s.units, (u) => u.clean?.top5Error)),
      String(s.units[0]?.clean?.count ?? '—'),
    ]),
  };
}

function firstWith<K extends keyof UnitResult>(summaries: readonly ArmSummary[], key: K): NonNullable<UnitResult[K]> | undefined {
  for (const s of summaries) for (const u of s.units) if (u[key]) return u[key] as NonNullable<UnitResult[K]>;
  return undefined;
}

export function corruptionTable(summaries: readonly ArmSummary[]): Table | undefined {
  const first = firstWith(summaries, 'corruptions');
  if (!first) return undefined;
  const rows = first.names.map((name, c) => perArm(summaries, name, (u) => u.corruptions?.perCorruption[c]));
  first.severities.forEach((severity, k) => rows.push(perArm(summaries, `severity ${severity} (mean)`, (u) => u.corruptions?.perSeverity[k])));
  rows.push(perArm(summaries, '**mCE**', (u) => u.corruptions?.mce));
  return { headers: armHeaders('Corruption: error (%)', summaries), rows };
}

export function consistencyTable(summaries: readonly ArmSummary[]): Table | undefined {
  const first = firstWith(summaries, 'consistency');
  if (!first) return undefined;
  const rows = first.names.map((name, p) => perArm(summaries, `${name} (${first.steps[p]} steps)`, (u) => u.consistency?.flipProbability[p], 2));
  rows.push(perArm(summaries, '**mFR**', (u) => u.consistency?.mfr, 2));
  return { headers: armHeaders('Perturbation: flip probability (%)', summaries), rows };
}

export function adversariesTable(summaries: readonly ArmSummary[]): Table | undefined {
  if (!firstWith(summaries, 'adversaries')) return undefined;
  return {
    headers: ['Arm', 'Clean error on attacked items (%)', 'PGD error (%)', 'Items'],
    rows: summaries.map((s) => [
      s.arm,
      formatStat(statOf(s.units, (u) => u.adversaries?.cleanError)),
      formatStat(statOf(s.units, (u) => u.adversaries?.error)),
      String(s.units[0]?.adversaries?.count ?? '—'),
    ]),
  };
}

export function calibrationTable(summaries: readonly ArmSummary[]): Table | undefined {
  const first = firstWith(summaries, 'calibration');
  if (!first) return undefined;
  return {
    headers: ['Arm', `RMS error, clean (%)`, 'RMS error, corrupted (%)', 'ECE, 15 bins (%)'],
    rows: summaries.map((s) => [
      s.arm,
      formatStat(statOf(s.units, (u) => u.calibration?.rms)),
      formatStat(statOf(s.units, (u) => u.calibration?.rmsCorrupted)),
      formatStat(statOf(s.units, (u) => u.calibration?.ece)),
    ]),
  };
}

export function anomalyTable(summaries: readonly ArmSummary[]): Table | undefined {
  const first = firstWith(summaries, 'anomaly');
  if (!first) return undefined;
  const rows: string[][] = [];
  first.sets.forEach((set, k) => {
    rows.push(perArm(summaries, `${set.name}: AUROC ↑`, (u) => u.anomaly?.sets[k]?.auroc));
    rows.push(perArm(summaries, `${set.name}: AUPR ↑`, (u) => u.anomaly?.sets[k]?.auprOut));
    rows.push(perArm(summaries, `${set.name}: FPR95 ↓`, (u) => u.anomaly?.sets[k]?.fpr95));
  });
  rows.push(perArm(summaries, '**mean AUROC** ↑', (u) => u.anomaly?.auroc));
  rows.push(perArm(summaries, '**mean AUPR** ↑', (u) => u.anomaly?.auprOut));
  rows.push(perArm(summaries, '**mean FPR95** ↓', (u) => u.anomaly?.fpr95));
  return { headers: armHeaders('OOD set: measure (%)', summaries), rows };
}
