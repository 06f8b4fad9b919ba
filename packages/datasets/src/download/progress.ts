import type { FetchProgress } from './fetch-file';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 170052171 -> '162.2 MiB' (binary units, as the CIFAR page's '162 MB'). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

/** 3725 -> '1h02m', 185 -> '3m05s', 9.4 -> '9s'. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line: bar, percent, bytes, rate, ETA (rate and ETA from this run's bytes). */
export function progressLine(label: string, progress: FetchProgress, width = 24): string {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? progress.sessionBytes / seconds : 0;
  const rateText = rate > 0 ? `${formatBytes(rate)}/s` : '-- /s';
  if (progress.total === undefined || progress.total === 0) return `${label}  ${formatBytes(progress.received)}  ${rateText}`;
  const fraction = Math.min(1, progress.received / progress.total);
  const filled = Math.round(fraction * width);
  const eta = fraction >= 1 ? '0s' : rate > 0 ? formatDuration((progress.total - progress.received) / rate) : '?';
  const percent = `${(fraction * 100).toFixed(0)}%`.padStart(4);
  return `${label}  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${formatBytes(progress.received)} / ${formatBytes(progress.total)}  ${rateText}  ETA ${eta}`;
}

/**
 * Draws progress: on a terminal one line redrawn in place (at most 10 times a second);
 * elsewhere (logs, CI) a line every `lineEveryMs` and at the end.
 */
export class ProgressPrinter {
  private last = 0;
  private lastLine = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly lineEveryMs = 5000,
  ) {}

  update(label: string, progress: FetchProgress): void {
    const now = Date.now();
    const complete = progress.total !== undefined && progress.received >= progress.total;
    if (!complete && now - this.last < (this.tty ? 100 : this.lineEveryMs)) return;
    this.last = now;
    this.lastLine = progressLine(label, progress);
    this.write(this.tty ? `\r${this.lastLine}\x1b[K` : `${this.lastLine}\n`);
  }

  /** Ends the redrawn line (terminal) so later output starts on a fresh one. */
  finish(): void {
    if (this.tty && this.lastLine) this.write('\n');
    this.lastLine = '';
    this.last = 0;
  }
}
