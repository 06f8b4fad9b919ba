import * as fs from 'node:fs';
import * as path from 'node:path';

/** One line of the JSON-lines training log (and what the progress bar shows). */
export interface ProgressRecord {
  event: 'start' | 'resume' | 'step' | 'epoch' | 'stop' | 'end';
  time: string;
  epoch: number;
  epochs: number;
  /** Batches of this epoch done. */
  batch: number;
  batchesPerEpoch: number;
  globalStep: number;
  totalSteps: number;
  lr?: number;
  /** This step's loss. */
  loss?: number;
  /** Mean loss and accuracy over the epoch so far. */
  epochLoss?: number;
  epochAccuracy?: number;
  samplesPerSec?: number;
  etaSec?: number;
  elapsedSec?: number;
  /** Whatever the epoch-end hook measured (validation accuracy, ...). */
  metrics?: Record<string, number>;
}

export interface ProgressOptions {
  /** Where the bar goes (default process.stderr); null for none. */
  stream?: NodeJS.WritableStream | null;
  /** A JSON-lines log file: one record per step, epoch end, start, resume, stop and end. */
  jsonl?: string;
  /** When the stream is not a terminal, at most one line per this many ms (default 10 s), plus one per epoch. */
  lineEveryMs?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}h${pad(m)}m${pad(sec)}s` : m > 0 ? `${m}m${pad(sec)}s` : `${sec}s`;
}

/** The one-line bar: `epoch 3/100 [#####-----] 120/391 loss 1.2345 acc 56.2% 812 samples/s ETA 1h02m05s`. */
export function formatProgressLine(r: ProgressRecord, width = 20): string {
  const done = r.batchesPerEpoch > 0 ? r.batch / r.batchesPerEpoch : 1;
  const filled = Math.round(done * width);
  const parts = [
    `epoch ${r.epoch + 1}/${r.epochs}`,
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`,
    `${r.batch}/${r.batchesPerEpoch}`,
  ];
  if (r.epochLoss !== undefined) parts.push(`loss ${r.epochLoss.toFixed(4)}`);
  if (r.epochAccuracy !== undefined) parts.push(`acc ${(100 * r.epochAccuracy).toFixed(1)}%`);
  if (r.samplesPerSec !== undefined) parts.push(`${r.samplesPerSec.toFixed(1)} samples/s`);
  if (r.etaSec !== undefined) parts.push(`ETA ${formatDuration(r.etaSec)}`);
  for (const [name, value] of Object.entries(r.metrics ?? {})) parts.push(`${name} ${Number.isInteger(value) ? value : value.toFixed(4)}`);
  return parts.join(' ');
}

/**
 * Reports training progress: a bar on stderr (redrawn in place on a terminal, a line every
 * few seconds otherwise) and a JSON-lines log a program can read.
 */
export class TrainingProgress {
  private readonly stream: NodeJS.WritableStream | null;
  private readonly isTty: boolean;
  private readonly lineEveryMs: number;
  private readonly jsonl?: string;
  private lastLineAt = 0;
  private barOpen = false;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream === undefined ? process.stderr : options.stream;
    this.isTty = Boolean((this.stream as NodeJS.WriteStream | null)?.isTTY);
    this.lineEveryMs = options.lineEveryMs ?? 10_000;
    this.jsonl = options.jsonl;
    if (this.jsonl) fs.mkdirSync(path.dirname(this.jsonl), { recursive: true });
  }

  /** On a fresh start: empties the log, so it holds this run alone. */
  clearLog(): void {
    if (this.jsonl) fs.writeFileSync(this.jsonl, '');
  }

  /**
   * On resume: drops the log records the interrupted run wrote after its last checkpoint
   * (they will be written again), so the log reads as one uninterrupted run. An epoch
   * record at the checkpoint's step is kept only if the checkpoint is the epoch-end one.
   */
  truncateAfter(globalStep: number, epochEnded: boolean): void {
    if (!this.jsonl || !fs.existsSync(this.jsonl)) return;
    const kept = fs
      .readFileSync(this.jsonl, 'utf8')
      .split('\n')
      .filter((line) => {
        if (!line.trim()) return false;
        try {
          const record = JSON.parse(line) as ProgressRecord;
          if (record.globalStep === globalStep && record.event === 'epoch') return epochEnded;
          return record.globalStep <= globalStep;
        } catch {
          return false; // a line cut short by the kill
        }
      });
    fs.writeFileSync(this.jsonl, kept.map((line) => `${line}\n`).join(''));
  }

  report(record: ProgressRecord): void {
    if (this.jsonl) fs.appendFileSync(this.jsonl, `${JSON.stringify(record)}\n`);
    if (!this.stream) return;
    const line = formatProgressLine(record);
    if (record.event === 'step') {
      if (this.isTty) {
        this.stream.write(`\r${line}\x1b[K`);
        this.barOpen = true;
      } else if (Date.now() - this.lastLineAt >= this.lineEveryMs) {
        this.stream.write(`${line}\n`);
        this.lastLineAt = Date.now();
      }
      return;
    }
    const text = record.event === 'epoch' ? line : `${record.event}: ${line}`;
    this.stream.write(this.isTty && this.barOpen ? `\r${text}\x1b[K\n` : `${text}\n`);
    this.barOpen = false;
    this.lastLineAt = Date.now();
  }
}
