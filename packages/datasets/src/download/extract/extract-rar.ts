import { createExtractorFromFile } from 'node-unrar-js';
import { DownloadError, UnsafeArchiveEntryError } from '../errors';
import { unsafeEntryReason } from './safe-path';

/**
 * Extracts a .rar into `into` with node-unrar-js (the official unrar compiled to
 * WebAssembly: no system unrar). The names are listed and checked before anything is written.
 */
export async function extractRar(archive: string, into: string): Promise<number> {
  try {
    const lister = await createExtractorFromFile({ filepath: archive, targetPath: into });
    let problem: DownloadError | undefined;
    // Read the whole list (the generator closes the archive only at its end), then refuse.
    for (const header of lister.getFileList().fileHeaders) {
      const reason = unsafeEntryReason(header.name);
      if (reason) problem ??= new UnsafeArchiveEntryError(archive, header.name, reason);
      if (header.flags.encrypted) problem ??= new DownloadError(`${archive}: '${header.name}' is encrypted; the published archive is not`);
    }
    if (problem) throw problem;
    const extractor = await createExtractorFromFile({ filepath: archive, targetPath: into });
    let count = 0;
    for (const file of extractor.extract().files) if (file.fileHeader.name) count++;
    return count;
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(`${archive}: unrar failed (${(error as Error).message}); the file is damaged or not a RAR archive`);
  }
}
