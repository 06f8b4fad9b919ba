import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The shared reference PixMix loop (Pillow + numpy, one process), beside the workspace. */
export const PIXMIX_REFERENCE_SCRIPT = path.resolve(__dirname, '../../../../../..', 'shared/bench/pixmix_ref_bench.py');

/** Runs the reference loop on n images of size x size; images/s, or a line saying why not. */
export function referencePixmixRate(python: string, n: number, size: number): Promise<number | string> {
  if (python === 'none') return Promise.resolve('skipped (--python none)');
  if (!existsSync(python)) return Promise.resolve(`skipped: ${python} not found`);
  if (!existsSync(PIXMIX_REFERENCE_SCRIPT)) return Promise.resolve(`skipped: ${PIXMIX_REFERENCE_SCRIPT} not found`);
  return new Promise((resolve) => {
    const child = spawn(python, [PIXMIX_REFERENCE_SCRIPT, String(n), String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (error) => resolve(`failed: ${error.message}`));
    child.on('close', (code) => {
      if (code !== 0) return resolve(`failed (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`);
      const match = /([\d.]+) images\/s/.exec(out);
      resolve(match ? Number(match[1]) : `failed: unreadable output ${out.slice(0, 120)}`);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
