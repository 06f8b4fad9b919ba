import type { UnitResult } from '@vpixmix/evaluation';
import { barChart, panelGrid, xyChart, type Series } from './figures/chart';
import { type ArmSummary, headlineMetrics, stat, statOf } from './summary';

/** Mean (± std band) per x over seeds, for series whose x values agree across seeds. */
function meanSeries(name: string, curves: readonly (readonly [number, number])[][]): Series | undefined {
  const usable = curves.filter((c) => c.length > 0);
  if (usable.length === 0) return undefined;
  const length = Math.min(...usable.map((c) => c.length));
  const points: [number, number][] = [];
  const band: [number, number, number][] = [];
  for (let i = 0; i < length; i++) {
    const s = stat(usable.map((c) => c[i][1]));
    if (!s) continue;
    points.push([usable[0][i][0], s.mean]);
    band.push([usable[0][i][0], s.mean - s.std, s.mean + s.std]);
  }
  return { name, points, band: usable.length > 1 ? band : undefined, markers: points.length <= 12 };
}

function defined<T>(values: (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

/** Training loss per step and training accuracy per epoch, one line per arm. */
export function trainingFigure(summaries: readonly ArmSummary[]): string | undefined {
  const loss = defined(summaries.map((s) => meanSeries(s.arm, s.units.map((u) => u.training?.steps ?? []))));
  if (loss.length === 0) return undefined;
  const accuracy = defined(summaries.map((s) => meanSeries(s.arm, s.units.map((u) => (u.training?.epochs ?? []).map((e) => [e.epoch, e.accuracy] as [number, number])))));
  return panelGrid(
    [
      xyChart({ title: 'Training loss', xLabel: 'epoch', yLabel: 'cross-entropy (augmented batches)', series: loss.map((s) => ({ ...s, markers: false })) }),
      xyChart({ title: 'Training accuracy', xLabel: 'epoch', yLabel: 'accuracy on augmented batches (%)', series: accuracy }),
    ],
    2,
    'Training curves',
  );
}

/** Error against corruption severity (severity 0 = clean), one line per arm, ± std over seeds. */
export function severityFigure(summaries: readonly ArmSummary[]): string | undefined {
  const series = defined(
    summaries.map((s) =>
      meanSeries(
        s.arm,
        s.units.flatMap((u) => {
          const c = u.corruptions;
          if (!c) return [];
          const clean: [number, number][] = u.clean ? [[0, u.clean.error]] : [];
          return [[...clean, ...c.severities.map((sev, k) => [sev, c.perSeverity[k]] as [number, number])]];
        }),
      ),
    ),
  );
  if (series.length === 0) return undefined;
  return xyChart({
    title: 'Corruption error by severity (0 = clean)',
    xLabel: 'severity',
    yLabel: 'top-1 error, mean over corruptions (%)',
    series,
    xTickLabels: [0, 1, 2, 3, 4, 5].map((v) => ({ value: v, label: v === 0 ? 'clean' : String(v) })),
    xRange: [0, 5],
    width: 560,
  });
}

const shortNames: Record<string, string> = { gaussian_noise: 'gauss', gaussian_blur: 'g. blur', brightness: 'bright', elastic_transform: 'elastic', jpeg_compression: 'jpeg', frame_rate: 'fps drop', drop_frames: 'drop' };

/** A corruption name short enough for a bar label: 'motion_blur' -> 'motion'. */
export function shortCorruptionName(name: string): string {
  return shortNames[name] ?? name.replace(/_(noise|blur|transform|compression)$/, '').replace(/_/g, ' ');
}

/** Error per corruption (mean over severities), grouped bars per arm. */
export function corruptionBarsFigure(summaries: readonly ArmSummary[]): string | undefined {
  const first = summaries.flatMap((s) => s.units).find((u) => u.corruptions)?.corruptions;
  if (!first) return undefined;
  const series = summaries.map((s) => {
    const stats = first.names.map((_, c) => statOf(s.units, (u) => u.corruptions?.perCorruption[c]));
    return { name: s.arm, values: stats.map((x) => x?.mean ?? Number.NaN), errors: stats.map((x) => (x && x.values.length > 1 ? x.std : 0)) };
  });
  const short = first.names.map(shortCorruptionName);
  return barChart({ title: 'Error per corruption (mean over severities)', yLabel: 'top-1 error (%)', categories: short, series, note: 'lower is better', width: Math.max(720, 60 + first.names.length * (18 * series.length + 20)) });
}

/** Reliability diagram per arm (first seed): accuracy per confidence bin against the diagonal. */
export function reliabilityFigure(summaries: readonly ArmSummary[]): string | undefined {
  const panels = defined(
    summaries.map((s) => {
      const unit = s.units.find((u) => u.calibration);
      if (!unit?.calibration) return undefined;
      const c = unit.calibration;
      const filled = c.reliability.filter((b) => b.count > 0);
      return xyChart({
        title: `${s.arm}: RMS ${c.rms.toFixed(1)}%, ECE ${c.ece.toFixed(1)}%`,
        xLabel: 'confidence (%)',
        yLabel: 'accuracy (%)',
        columns: filled.map((b) => ({ x0: 100 * b.lower, x1: 100 * b.upper, y: 100 * b.accuracy })),
        series: [{ name: 'mean confidence in bin', points: filled.map((b) => [100 * (b.lower + b.upper) / 2, 100 * b.confidence] as [number, number]), dashed: true, markers: true }],
        xRange: [0, 100],
        yRange: [0, 100],
        diagonal: true,
        width: 420,
        height: 360,
      });
    }),
  );
  if (panels.length === 0) return undefined;
  return panelGrid(panels, Math.min(3, panels.length), 'Reliability diagrams (bars: accuracy per confidence bin; dashed: bin confidence)');
}

/** ROC curves per OOD set, one line per arm (first seed), chance on the diagonal. */
export function rocFigure(summaries: readonly ArmSummary[]): string | undefined {
  const first = summaries.flatMap((s) => s.units).find((u) => u.anomaly)?.anomaly;
  if (!first) return undefined;
  const panels = first.sets.map((set, k) =>
    xyChart({
      title: `OOD: ${set.name}`,
      xLabel: 'false positive rate (in-distribution flagged)',
      yLabel: 'true positive rate (OOD flagged)',
      series: defined(
        summaries.map((s) => {
          const unit: UnitResult | undefined = s.units.find((u) => u.anomaly?.sets[k]);
          const r = unit?.anomaly?.sets[k];
          return r ? { name: `${s.arm} (AUROC ${r.auroc.toFixed(1)})`, points: r.roc, markers: false } : undefined;
        }),
      ),
      xRange: [0, 1],
      yRange: [0, 1],
      diagonal: true,
      width: 420,
      height: 380,
    }),
  );
  return panelGrid(panels, Math.min(4, panels.length), 'ROC curves, score = -max softmax probability');
}

/** Every arm on clean error and the five axes (mean ± std over seeds): the picture the paper argues. */
export function overallFigure(summaries: readonly ArmSummary[]): string | undefined {
  const metrics = headlineMetrics.filter((m) => summaries.some((s) => s.headline[m.key]));
  if (metrics.length === 0) return undefined;
  return barChart({
    title: 'Every arm on every axis',
    yLabel: 'percent',
    categories: metrics.map((m) => `${m.key === 'clean' ? 'Clean err' : m.key === 'PGD' ? 'PGD err' : m.key} ${m.better === 'lower' ? '↓' : '↑'}`),
    series: summaries.map((s) => ({
      name: s.arm,
      values: metrics.map((m) => s.headline[m.key]?.mean ?? Number.NaN),
      errors: metrics.map((m) => s.headline[m.key]?.std ?? 0),
    })),
    note: '↓ lower is better, ↑ higher is better; whiskers: ± std over seeds',
    width: Math.max(640, 90 + metrics.length * (30 * summaries.length + 30)),
  });
}
