import fs from 'node:fs';
import path from 'node:path';
import { DownloadSetupError } from './errors';

const STAGING = '.vpixmix-staging.';
const REPLACED = '.vpixmix-replaced.';

/**
 * Where archives are unpacked before the set is moved into place: a hidden folder inside the
 * set's own folder (same file system, so the final moves are single renames; hidden, so no
 * reader or `datasets verify` takes it for the data).
 */
export function stagingFolder(root: string): string {
  return path.join(root, `${STAGING}${process.pid}`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes staging and set-aside folders left by a download that was killed (its process is gone). */
export function removeStaleFolders(root: string): void {
  for (const entry of fs.readdirSync(root)) {
    const prefix = entry.startsWith(STAGING) ? STAGING : entry.startsWith(REPLACED) ? REPLACED : undefined;
    if (!prefix) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (pid === process.pid || !alive(pid)) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

/** One download of a set at a time (they would write the same part files): a lock file holding the pid. */
export function acquireLock(dir: string, name: string): () => void {
  const file = path.join(dir, `.${name}.lock`);
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(fs.readFileSync(file, 'utf8'));
    if (holder !== process.pid && alive(holder)) {
      throw new DownloadSetupError(`another download of ${name} is running (process ${holder}, lock ${file}); wait for it, or delete the lock if that process is not a download.`);
    }
    fs.writeFileSync(file, String(process.pid));
  }
  return () => fs.rmSync(file, { force: true });
}
