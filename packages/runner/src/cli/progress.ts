import { CountProgress } from '@vpixmix/datasets';
import type { CommandIo } from './command';

/**
 * An onProgress(done, total) callback printing the one progress line every long job prints
 * (datasets' CountProgress: `label 120/400 (30%) 55.2 items/s ETA 5s`), on stderr, at most once a second.
 */
export function progressOnStderr(io: CommandIo, label: string, unit: string): (done: number, total: number) => void {
  const progress = new CountProgress((line) => io.err(line), label, 0, unit, 1000);
  return (done, total) => progress.update(done, total);
}
