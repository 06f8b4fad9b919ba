import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireRunLock, lockFileName, RunLockedError } from './run-lock';
import { tempFolder } from './testing/fixtures';

const root = tempFolder('lock');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited (spawned and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('run lock', () => {
  it('is exclusive: a second taker is refused with the holder pid; release frees it', () => {
    const dir = path.join(root, 'a');
    const lock = acquireRunLock(dir, 'vpixmix run test');
    const holder = JSON.parse(fs.readFileSync(path.join(dir, lockFileName), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'vpixmix run test' });
    expect(() => acquireRunLock(dir)).toThrow(RunLockedError);
    expect(() => acquireRunLock(dir)).toThrow(new RegExp(`in use by process ${process.pid} .*kill -INT ${process.pid}`));
    lock.release();
    expect(fs.existsSync(path.join(dir, lockFileName))).toBe(false);
    acquireRunLock(dir).release();
  });

  it('takes over a stale lock (its process is gone from this host) and reports the old holder', () => {
    const dir = path.join(root, 'b');
    fs.mkdirSync(dir);
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z', command: 'old' }));
    const lock = acquireRunLock(dir);
    expect(lock.staleHolder?.pid).toBe(pid);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('does not take over a lock held on another host (it cannot check that process) and says how to clear it', () => {
    const dir = path.join(root, 'c');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid: deadPid(), host: 'elsewhere', startedAt: 'x', command: 'old' }));
    expect(() => acquireRunLock(dir)).toThrow(/on elsewhere .*delete .*run\.lock/);
  });
});
