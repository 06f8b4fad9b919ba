import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The shared reference PixMix loop (Pillow + numpy, one process), beside the workspace. */
export const PIXMIX_REFERENCE_SCRIPT = path.resolve(__dirname, '../../../../../..', 'shared/bench/pixmix_ref_bench.py');

/**
 * Runs the reference script twice (n images, then 1) under a small Python wrapper that reads
 * the children's CPU time: the difference is the CPU time of n - 1 PixMix calls, a steadier
 * measure than wall time on a shared machine. The script's own wall-clock figure comes along.
 */
const WRAPPER = [
  'import resource, subprocess, sys, re',
  'def cpu(): r = resource.getrusage(resource.RUSAGE_CHILDREN); return r.ru_utime + r.ru_stime',
  'py, script, n, size = sys.argv[1:5]',
  'c0 = cpu(); out = subprocess.run([py, script, n, size], capture_output=True, text=True, check=True).stdout; c1 = cpu()',
  'subprocess.run([py, script, "1", size], capture_output=True, text=True, check=True); c2 = cpu()',
  'wall = float(re.search(r"([0-9.]+) images/s", out).group(1))',
  'print(wall, (int(n) - 1) / max(1e-9, (c1 - c0) - (c2 - c1)))',
].join('\n');

export interface ReferenceRate {
  /** images/s by the script's own wall clock. */
  readonly wall: number;
  /** images per CPU-second of the reference process. */
  readonly cpu: number;
}

/** The reference loop's images/s (its own wall clock) on n images of size x size, or a line saying why not. */
export async function referencePixmixRate(python: string, n: number, size: number): Promise<number | string> {
  const rates = await referencePixmixRates(python, n, size);
  return typeof rates === 'string' ? rates : rates.wall;
}

/** The reference loop's rates, by wall clock and by CPU time, or a line saying why not. */
export function referencePixmixRates(python: string, n: number, size: number): Promise<ReferenceRate | string> {
  if (python === 'none') return Promise.resolve('skipped (--python none)');
  if (!existsSync(python)) return Promise.resolve(`skipped: ${python} not found`);
  if (!existsSync(PIXMIX_REFERENCE_SCRIPT)) return Promise.resolve(`skipped: ${PIXMIX_REFERENCE_SCRIPT} not found`);
  return new Promise((resolve) => {
    const child = spawn(python, ['-c', WRAPPER, python, PIXMIX_REFERENCE_SCRIPT, String(n), String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (error) => resolve(`failed: ${error.message}`));
    child.on('close', (code) => {
      if (code !== 0) return resolve(`failed (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`);
      const [wall, cpu] = out.trim().split(/\s+/).map(Number);
      resolve(Number.isFinite(wall) && Number.isFinite(cpu) ? { wall, cpu } : `failed: unreadable output ${out.slice(0, 120)}`);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `step` until `seconds` of wall time pass; returns calls per wall-second and per CPU-second of this process. */
export function timeLoop(seconds: number, step: () => number): { wall: number; cpu: number } {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) n += step();
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / wallSeconds, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}
