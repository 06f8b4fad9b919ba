import type { ArchiveFormat } from '../catalog';
import { extractRar } from './extract-rar';
import { extractTar } from './extract-tar';
import { extractZip } from './extract-zip';

/** Unpacks an archive of any supported format into `into`; resolves to the number of entries (files and folders) written. */
export function extractArchive(archive: string, format: ArchiveFormat, into: string): Promise<number> {
  switch (format) {
    case 'tar':
    case 'tar.gz':
      return extractTar(archive, into);
    case 'zip':
      return extractZip(archive, into);
    case 'rar':
      return extractRar(archive, into);
  }
}
