import * as tar from 'tar';
import { UnsafeArchiveEntryError } from '../errors';
import { unsafeEntryReason, unsafeLinkReason } from './safe-path';

/**
 * Extracts a .tar or .tar.gz (compression is detected) into `into` with node-tar. An entry
 * that would land outside `into` is never written, and the archive is refused.
 */
export async function extractTar(archive: string, into: string): Promise<number> {
  let refused: UnsafeArchiveEntryError | undefined;
  let entries = 0;
  await tar.x({
    file: archive,
    cwd: into,
    strict: true,
    preserveOwner: false,
    filter: (entryPath, entry) => {
      const linkTarget = 'linkpath' in entry && (entry.type === 'SymbolicLink' || entry.type === 'Link') ? entry.linkpath : undefined;
      const reason = unsafeEntryReason(entryPath) ?? (linkTarget !== undefined ? unsafeLinkReason(entryPath, linkTarget) : undefined);
      if (reason) {
        refused ??= new UnsafeArchiveEntryError(archive, entryPath, reason);
        return false;
      }
      entries++;
      return true;
    },
  });
  if (refused) throw refused;
  return entries;
}
