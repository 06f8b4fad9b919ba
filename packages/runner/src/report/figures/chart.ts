import { formatTick, linearScale, type LinearScale } from './scale';
import { element, polyline, seriesColor, svgDocument, text } from './svg';

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** Optional shaded band per point: [x, low, high] (e.g. mean ± std over seeds). */
  band?: readonly (readonly [number, number, number])[];
  dashed?: boolean;
  markers?: boolean;
}

export interface Column {
  x0: number;
  x1: number;
  y: number;
  label?: string;
}

export interface XYChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series?: readonly Series[];
  /** Bars from y = 0 (histograms, reliability diagrams). */
  columns?: readonly Column[];
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Draw y = x (calibration, chance ROC). */
  diagonal?: boolean;
  /** Replace numeric x tick labels (e.g. severities, category names). */
  xTickLabels?: readonly { value: number; label: string }[];
  width?: number;
  height?: number;
}

const margin = { left: 62, right: 16, top: 34, bottom: 46 };

function exactScale(count: number, left: number, right: number): LinearScale {
  const n = Math.max(1, count);
  const scale = ((value: number) => left + (value / n) * (right - left)) as LinearScale;
  scale.domain = [0, n];
  scale.ticks = [];
  return scale;
}

function extent(values: number[], fallback: readonly [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [fallback[0], fallback[1]];
}

function axes(x: LinearScale, y: LinearScale, spec: XYChartSpec, width: number, height: number): string[] {
  const left = margin.left;
  const bottom = height - margin.bottom;
  const parts: string[] = [];
  for (const tick of y.ticks) {
    const py = y(tick);
    parts.push(element('line', { x1: left, x2: width - margin.right, y1: py, y2: py, stroke: '#e4e4e4' }));
    parts.push(text(left - 6, py + 4, formatTick(tick), { 'text-anchor': 'end', 'font-size': 11 }));
  }
  const xTicks = spec.xTickLabels ?? x.ticks.map((value) => ({ value, label: formatTick(value) }));
  for (const { value, label } of xTicks) {
    const px = x(value);
    parts.push(element('line', { x1: px, x2: px, y1: bottom, y2: bottom + 4, stroke: '#555' }));
    parts.push(text(px, bottom + 16, label, { 'text-anchor': 'middle', 'font-size': 11 }));
  }
  parts.push(element('line', { x1: left, x2: width - margin.right, y1: bottom, y2: bottom, stroke: '#555' }));
  parts.push(element('line', { x1: left, x2: left, y1: margin.top, y2: bottom, stroke: '#555' }));
  parts.push(text(width / 2, 20, spec.title, { 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }));
  parts.push(text((left + width - margin.right) / 2, height - 10, spec.xLabel, { 'text-anchor': 'middle' }));
  const midY = (margin.top + bottom) / 2;
  parts.push(text(16, midY, spec.yLabel, { 'text-anchor': 'middle', transform: `rotate(-90 16 ${midY})` }));
  return parts;
}

const legendHeight = 18;

/** One row of swatches under the title, wrapping when it runs out of width. */
function legend(series: readonly { name: string; dashed?: boolean }[], width: number): string[] {
  const parts: string[] = [];
  let x = margin.left;
  let y = margin.top - 4;
  series.forEach((s, i) => {
    const itemWidth = 30 + s.name.length * 6.8;
    if (x + itemWidth > width - margin.right && x > margin.left) {
      x = margin.left;
      y += 14;
    }
    parts.push(
      element('line', { x1: x, x2: x + 18, y1: y, y2: y, stroke: seriesColor(i), 'stroke-width': 3, 'stroke-dasharray': s.dashed ? '5 3' : undefined }),
      text(x + 23, y + 4, s.name, { 'font-size': 11 }),
    );
    x += itemWidth;
  });
  return parts;
}

/** A line / column chart with axes, grid, title and legend, as an SVG document. */
export function xyChart(spec: XYChartSpec): string {
  const width = spec.width ?? 520;
  const height = spec.height ?? 340;
  const series = spec.series ?? [];
  const columns = spec.columns ?? [];
  const xs = [...series.flatMap((s) => s.points.map((p) => p[0])), ...columns.flatMap((c) => [c.x0, c.x1])];
  const ys = [
    ...series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.band ?? []).flatMap((b) => [b[1], b[2]])]),
    ...columns.map((c) => c.y),
    ...(columns.length ? [0] : []),
  ];
  const [x0, x1] = spec.xRange ?? extent(xs, [0, 1]);
  const [y0, y1] = spec.yRange ?? extent(ys, [0, 1]);
  const x = linearScale(x0, x1, [margin.left, width - margin.right], 6);
  const top = margin.top + (series.length ? legendHeight : 0);
  const y = linearScale(y0, y1, [height - margin.bottom, top], 5);
  const parts = axes(x, y, spec, width, height);
  for (const c of columns) {
    const top = y(Math.max(c.y, y.domain[0]));
    parts.push(
      element('rect', { x: x(c.x0) + 1, y: top, width: Math.max(1, x(c.x1) - x(c.x0) - 2), height: y(y.domain[0]) - top, fill: '#6baed6', stroke: '#3182bd' }),
    );
  }
  if (spec.diagonal) {
    const lo = Math.max(x.domain[0], y.domain[0]);
    const hi = Math.min(x.domain[1], y.domain[1]);
    parts.push(element('line', { x1: x(lo), y1: y(lo), x2: x(hi), y2: y(hi), stroke: '#888', 'stroke-dasharray': '4 4' }));
  }
  series.forEach((s, i) => {
    const color = seriesColor(i);
    if (s.band && s.band.length) {
      const upper = s.band.map(([bx, , hi]) => `${x(bx)},${y(hi)}`);
      const lower = [...s.band].reverse().map(([bx, lo]) => `${x(bx)},${y(lo)}`);
      parts.push(element('polygon', { points: [...upper, ...lower].join(' '), fill: color, 'fill-opacity': 0.15, stroke: 'none' }));
    }
    parts.push(polyline(s.points.map(([px, py]) => [x(px), y(py)] as const), { stroke: color, 'stroke-width': 2, 'stroke-dasharray': s.dashed ? '5 3' : undefined }));
    if (s.markers ?? s.points.length <= 12) {
      for (const [px, py] of s.points) parts.push(element('circle', { cx: x(px), cy: y(py), r: 3, fill: color }));
    }
  });
  if (series.length) parts.push(...legend(series, width));
  return svgDocument(width, height, parts);
}

export interface BarChartSpec {
  title: string;
  yLabel: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[]; errors?: readonly number[] }[];
  yRange?: readonly [number, number];
  width?: number;
  height?: number;
  /** Printed under the title, e.g. "lower is better". */
  note?: string;
}

/** Grouped bars: one group per category, one bar per series, optional ± error whiskers. */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? Math.max(360, 90 + spec.categories.length * (26 * spec.series.length + 24));
  const height = spec.height ?? 320;
  const values = spec.series.flatMap((s) => s.values.map((v, i) => v + (s.errors?.[i] ?? 0)));
  const [y0, y1] = spec.yRange ?? [Math.min(0, ...values), Math.max(...values, 0)];
  const y = linearScale(y0, y1 * 1.08, [height - margin.bottom, margin.top + legendHeight + 8], 5);
  // Categories sit at exact unit slots; a "nice" numeric domain would leave empty slots.
  const x = exactScale(spec.categories.length, margin.left, width - margin.right);
  const parts = axes(x, y, { title: spec.title, xLabel: '', yLabel: spec.yLabel, xTickLabels: [] }, width, height);
  // Bottom right, where the (empty) x-axis label would go: clear of the title and the legend.
  if (spec.note) parts.push(text(width - margin.right, height - 8, spec.note, { 'text-anchor': 'end', 'font-size': 10, fill: '#666' }));
  const groupWidth = x(1) - x(0);
  const barWidth = (groupWidth * 0.8) / Math.max(1, spec.series.length);
  spec.categories.forEach((category, c) => {
    parts.push(text(x(c + 0.5), height - margin.bottom + 16, category, { 'text-anchor': 'middle', 'font-size': 11 }));
    spec.series.forEach((s, i) => {
      const value = s.values[c];
      if (!Number.isFinite(value)) return;
      const bx = x(c) + groupWidth * 0.1 + i * barWidth;
      const top = y(Math.max(value, 0));
      const base = y(Math.min(value, 0));
      parts.push(element('rect', { x: bx, y: top, width: barWidth - 2, height: Math.max(0.5, base - top), fill: seriesColor(i) }));
      const error = s.errors?.[c];
      if (error !== undefined && error > 0) {
        const cx = bx + (barWidth - 2) / 2;
        parts.push(element('line', { x1: cx, x2: cx, y1: y(value - error), y2: y(value + error), stroke: '#222' }));
      }
      if (spec.categories.length * spec.series.length <= 24) {
        parts.push(text(bx + (barWidth - 2) / 2, top - 3, formatTick(value), { 'text-anchor': 'middle', 'font-size': 9 }));
      }
    });
  });
  if (spec.series.length > 1) parts.push(...legend(spec.series, width));
  return svgDocument(width, height, parts);
}

/** Lays SVG documents out in a grid (nested <svg>), under an optional title. */
export function panelGrid(panels: readonly string[], columns: number, title?: string): string {
  const sizes = panels.map((p) => {
    const m = /width="([\d.]+)" height="([\d.]+)"/.exec(p);
    return m ? [Number(m[1]), Number(m[2])] : [520, 340];
  });
  const cellWidth = Math.max(...sizes.map((s) => s[0]));
  const cellHeight = Math.max(...sizes.map((s) => s[1]));
  const top = title ? 36 : 0;
  const rows = Math.ceil(panels.length / columns);
  const width = cellWidth * Math.min(columns, panels.length);
  const height = top + cellHeight * rows;
  const parts = panels.map((panel, i) =>
    panel.replace('<svg ', `<svg x="${(i % columns) * cellWidth}" y="${top + Math.floor(i / columns) * cellHeight}" `),
  );
  if (title) parts.unshift(text(width / 2, 24, title, { 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 'bold' }));
  return svgDocument(width, height, parts);
}
