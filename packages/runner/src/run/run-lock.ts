import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const lockFileName = 'run.lock';

/** Who holds a run folder: written into its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** Another live process holds the run folder's lock. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super(message);
  }
}

export interface RunLock {
  file: string;
  /** The holder this lock replaced because its process was gone (the run it held stopped without a clean exit). */
  staleHolder?: LockHolder;
  release(): void;
}

/** Whether process `pid` runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockHolder(dir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dir, lockFileName), 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** A lock holder known to be gone: on this host, and its process is not running. */
export function holderIsGone(holder: LockHolder): boolean {
  return holder.host === os.hostname() && !processAlive(holder.pid);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  try {
    fs.writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the run folder's exclusive lock (`run.lock`, created with O_EXCL, holding pid, host,
 * start time and command). A lock whose process is gone from this host is stale: it is taken
 * over and reported in `staleHolder`. A live holder (or one on another host, which cannot be
 * checked) makes this throw RunLockedError naming its pid. The lock is released on
 * `release()` and when the process exits.
 */
export function acquireRunLock(dir: string, command = process.argv.slice(1).join(' ')): RunLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, lockFileName);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command };
  let staleHolder: LockHolder | undefined;
  for (let attempt = 0; !tryCreate(file, me); attempt++) {
    const holder = readLockHolder(dir);
    if (holder && !holderIsGone(holder)) {
      const where = holder.host === me.host ? '' : ` on ${holder.host}`;
      throw new RunLockedError(
        `${dir} is in use by process ${holder.pid}${where} (started ${holder.startedAt}: ${holder.command}). Wait for it to finish or stop it ` +
          `(Ctrl-C in its terminal, or kill -INT ${holder.pid})${holder.host === me.host ? '' : `; if it is no longer running on ${holder.host}, delete ${file}`}.`,
        holder,
      );
    }
    if (attempt > 2) throw new Error(`cannot take the lock ${file}: it keeps changing; is another vpixmix starting in ${dir}?`);
    // Gone (or unreadable, e.g. cut short): take it over. Two takers race on the O_EXCL create.
    staleHolder ??= holder;
    fs.rmSync(file, { force: true });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readLockHolder(dir)?.pid === me.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, staleHolder, release };
}
