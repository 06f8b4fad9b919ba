import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const bootstrap = path.join(__dirname, 'ts-child.cjs');

/** Starts `node ts-child.cjs <module> ...args` — a fresh process running one of our TypeScript modules. */
export function spawnTsModule(modulePath: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [bootstrap, modulePath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a child to exit; resolves with its exit code (or signal) and its stderr. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}
