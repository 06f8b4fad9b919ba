import { formatDuration } from '../download/progress';

/** One step of a counted job, as `CountProgress.add` sees it (every call, unthrottled). */
export interface CountEvent {
  label: string;
  done: number;
  total: number;
  unit: string;
}

/**
 * Where a long step reports: a line sink (stderr in the CLI). A sink may also carry
 * `onCount`, which hears every step of every counted job (for progress bars and callbacks).
 */
export type LineSink = ((line: string) => void) & { onCount?(event: CountEvent): void };

/**
 * Progress of a counted job on one line: `label 120/400 (30%) 55.2 items/s ETA 5s`. Prints at
 * most one line per `everyMs` (plus the last one), so logs stay readable when stderr is a file.
 */
export class CountProgress {
  private readonly started = Date.now();
  private lastAt = 0;
  private done = 0;

  constructor(
    private readonly sink: LineSink | undefined,
    private readonly label: string,
    private total: number,
    private readonly unit = 'items',
    private readonly everyMs = 5_000,
  ) {}

  add(count: number): void {
    this.update(this.done + count);
  }

  /** Reports `done` items of `total` so far (for jobs that count themselves: an onProgress(done, total) callback). */
  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    this.sink?.onCount?.({ label: this.label.trim().replace(/:$/, ''), done: this.done, total: this.total, unit: this.unit });
    const now = Date.now();
    const last = this.done >= this.total;
    if (!this.sink || (!last && now - this.lastAt < this.everyMs)) return;
    this.lastAt = now;
    this.sink(this.line(now));
  }

  line(now = Date.now()): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const share = this.total > 0 ? Math.round((100 * this.done) / this.total) : 100;
    const eta = rate > 0 && this.done < this.total ? ` ETA ${formatDuration((this.total - this.done) / rate)}` : '';
    const took = this.done >= this.total ? ` in ${formatDuration(seconds)}` : '';
    return `${this.label} ${this.done}/${this.total} (${share}%) ${rate.toFixed(1)} ${this.unit}/s${eta}${took}`;
  }
}
