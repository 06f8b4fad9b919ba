import { promises as fs } from 'node:fs';
import { FileMissingError } from './errors';

/** Reads a whole input file; a missing path or a directory becomes a `FileMissingError` naming it. */
export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileMissingError(file);
    if (code === 'EISDIR') throw new FileMissingError(file, 'is a directory, not a file');
    throw error;
  }
}
