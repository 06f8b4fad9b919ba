import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', '..', 'bin', 'vpixmix.js');

/** A tiny recipe for child-process runs: shapes at 16 px, wrn-10-1, wasm, 32 steps per epoch, clean + calibration only. */
export function writeTinyRecipe(dir: string, options: { epochs?: number; checkpointEvery?: number; train?: number } = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tiny.yaml');
  fs.writeFileSync(
    file,
    [
      'description: tiny run for the interrupt and lock tests',
      'seed: 0',
      'backend: wasm',
      'data:',
      '  dataset: shapes',
      '  size: 16',
      `  limit: { train: ${options.train ?? 1024}, test: 32 }`,
      'model:',
      '  name: wrn-10-1',
      '  dropout: 0',
      'training:',
      `  epochs: ${options.epochs ?? 2}`,
      '  batchSize: 32',
      `  checkpointEvery: ${options.checkpointEvery ?? 1000}`,
      'arms:',
      '  - name: baseline',
      '    augment: { preset: standard }',
      'evaluation:',
      '  axes: [clean, calibration]',
      '  batchSize: 32',
      '',
    ].join('\n'),
  );
  return file;
}

export interface CliChild {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Runs the real `vpixmix` CLI (bin/vpixmix.js) as a child process. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliChild {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  return { child, stderr: () => err, stdout: () => out, exited };
}

/** JSON records of a training log (lines cut short are skipped). */
export function logRecords(file: string): { event: string; globalStep: number; epoch: number; batch: number; time: string }[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() ? [JSON.parse(line)] : [];
      } catch {
        return [];
      }
    });
}

/** Polls until `count` training steps are in the log (or the child exits, or `timeoutMs` passes). */
export async function waitForSteps(file: string, count: number, child: CliChild, timeoutMs = 240_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void child.exited.then(() => (done = true));
  for (;;) {
    const steps = logRecords(file).filter((r) => r.event === 'step').length;
    if (steps >= count) return steps;
    if (done) throw new Error(`the child exited before ${count} steps:\n${child.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${count} steps within ${timeoutMs} ms:\n${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
