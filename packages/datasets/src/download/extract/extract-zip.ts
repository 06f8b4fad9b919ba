import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DownloadError, UnsafeArchiveEntryError } from '../errors';
import { unsafeEntryReason } from './safe-path';

const UTF8_NAMES = 0x800;

const openZip = (archive: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    // Names are decoded here, not by yauzl, so that an unsafe one is refused with our own error.
    yauzl.open(archive, { lazyEntries: true, autoClose: true, decodeStrings: false }, (error, zip) =>
      error ? reject(new DownloadError(`${archive}: not a readable zip (${error.message})`)) : resolve(zip),
    ),
  );

const readStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));

/** Extracts a .zip into `into` with yauzl; every name is checked first, and one unsafe name refuses the archive. */
export async function extractZip(archive: string, into: string): Promise<number> {
  const names = await listZip(archive);
  for (const name of names) {
    const reason = unsafeEntryReason(name);
    if (reason) throw new UnsafeArchiveEntryError(archive, name, reason);
  }
  const zip = await openZip(archive);
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(error instanceof DownloadError ? error : new DownloadError(`${archive}: ${error.message}`));
    };
    zip.on('error', fail);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = decodeName(entry);
      const target = path.join(into, name);
      if (name.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true });
        zip.readEntry();
        return;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      readStream(zip, entry)
        .then((stream) => pipeline(stream, fs.createWriteStream(target)))
        .then(() => {
          count++;
          zip.readEntry();
        })
        .catch(fail);
    });
    zip.readEntry();
  });
  return count;
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return raw.toString(entry.generalPurposeBitFlag & UTF8_NAMES ? 'utf8' : 'latin1');
}

/** Entry names of a .zip, in order. */
export async function listZip(archive: string): Promise<string[]> {
  const zip = await openZip(archive);
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(new DownloadError(`${archive}: not a readable zip (${error.message})`)));
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(decodeName(entry));
      zip.readEntry();
    });
    zip.readEntry();
  });
  return names;
}
