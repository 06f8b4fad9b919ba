/** A linear map from a data interval to a pixel interval, with round tick values. */
export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  ticks: number[];
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Extends [min, max] to round tick values; a zero-width interval is widened around its value. */
export function linearScale(min: number, max: number, range: readonly [number, number], tickCount = 5): LinearScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = [0, 1];
  if (min === max) [min, max] = min === 0 ? [0, 1] : [min - Math.abs(min) * 0.1, max + Math.abs(max) * 0.1];
  const step = niceStep(max - min, tickCount);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step * 1e-6; t += step) ticks.push(Math.round(t / step) * step);
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - lo) / (hi - lo)) * (r1 - r0)) as LinearScale;
  scale.domain = [lo, hi];
  scale.ticks = ticks;
  return scale;
}

export function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000 || abs < 0.01) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}
