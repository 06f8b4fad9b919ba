import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { ArchiveSource } from './catalog';

export type DigestAlgorithm = 'md5' | 'sha256';

export interface ChecksumResult {
  readonly algorithm: DigestAlgorithm;
  readonly expected?: string;
  readonly actual: string;
  readonly ok: boolean;
}

/** The digests of a file, every algorithm in one read. */
export async function digestFile(file: string, algorithms: readonly DigestAlgorithm[]): Promise<Record<DigestAlgorithm, string>> {
  const hashes = algorithms.map((a) => [a, crypto.createHash(a)] as const);
  await pipeline(
    fs.createReadStream(file, { highWaterMark: 4 << 20 }),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const [, hash] of hashes) hash.update(chunk);
        done();
      },
    }),
  );
  return Object.fromEntries(hashes.map(([a, hash]) => [a, hash.digest('hex')])) as Record<DigestAlgorithm, string>;
}

/**
 * Checks an archive against every digest the table records (md5 and/or sha256). With none
 * recorded, returns its sha256 unchecked (ok: true, expected undefined), for the record.
 */
export async function checkArchive(file: string, source: ArchiveSource): Promise<ChecksumResult[]> {
  const recorded = (['md5', 'sha256'] as const).filter((a) => source[a] !== undefined);
  const algorithms = recorded.length > 0 ? recorded : (['sha256'] as const);
  const actual = await digestFile(file, algorithms);
  return algorithms.map((algorithm) => {
    const expected = source[algorithm]?.toLowerCase();
    return { algorithm, expected, actual: actual[algorithm], ok: expected === undefined || expected === actual[algorithm] };
  });
}
