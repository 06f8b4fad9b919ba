import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { encodeRar } from '../../fixtures/rar-fixture';
import { UnsafeArchiveEntryError } from '../errors';
import { extractArchive } from './extract';
import { unsafeEntryReason, unsafeLinkReason } from './safe-path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-extract-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fresh = () => {
  const folder = path.join(dir, `case-${++n}`);
  fs.mkdirSync(path.join(folder, 'into'), { recursive: true });
  return folder;
};

function writeZip(out: string, entries: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject));
}

/** Everything under `folder`, as sorted relative paths (folders end with '/'). */
function tree(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).map((p) => (fs.statSync(path.join(folder, p)).isDirectory() ? `${p}/` : p)).sort();
}

describe('archive entry names', () => {
  it('tells unsafe names and link targets from safe ones', () => {
    expect(unsafeEntryReason('UCF-101/ApplyEyeMakeup/v_x.avi')).toBeUndefined();
    expect(unsafeEntryReason('a/..b/c')).toBeUndefined();
    expect(unsafeEntryReason('../evil')).toMatch(/'\.\.' path segment/);
    expect(unsafeEntryReason('a/../../evil')).toMatch(/'\.\.'/);
    expect(unsafeEntryReason('a\\..\\evil')).toMatch(/'\.\.'/);
    expect(unsafeEntryReason('/etc/passwd')).toBe('an absolute path');
    expect(unsafeEntryReason('C:\\Windows\\x')).toBe('an absolute path');
    expect(unsafeLinkReason('a/b/link', '../c')).toBeUndefined();
    expect(unsafeLinkReason('a/link', '../../outside')).toMatch(/outside the folder/);
    expect(unsafeLinkReason('link', '/etc')).toMatch(/absolute/);
  });
});

describe('extractArchive', () => {
  it('unpacks tar, tar.gz, zip and rar into the folder given', async () => {
    const work = fresh();
    fs.mkdirSync(path.join(work, 'src', 'set', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(work, 'src', 'set', 'a.txt'), 'alpha');
    fs.writeFileSync(path.join(work, 'src', 'set', 'sub', 'b.bin'), Buffer.from([0, 1, 2, 255]));
    await tar.c({ cwd: path.join(work, 'src'), file: path.join(work, 'x.tar'), portable: true }, ['set']);
    await tar.c({ cwd: path.join(work, 'src'), file: path.join(work, 'x.tar.gz'), gzip: true, portable: true }, ['set']);
    await writeZip(path.join(work, 'x.zip'), { 'set/a.txt': 'alpha', 'set/sub/b.bin': '\u0000\u0001' });
    fs.writeFileSync(path.join(work, 'x.rar'), encodeRar([{ name: 'set' }, { name: 'set/sub' }, { name: 'set/a.txt', data: Buffer.from('alpha') }, { name: 'set/sub/b.bin', data: Buffer.from([0, 1, 2, 255]) }]));
    for (const [file, format] of [['x.tar', 'tar'], ['x.tar.gz', 'tar.gz'], ['x.zip', 'zip'], ['x.rar', 'rar']] as const) {
      const into = path.join(work, `out-${format}`);
      fs.mkdirSync(into);
      expect(await extractArchive(path.join(work, file), format, into)).toBeGreaterThanOrEqual(2);
      expect(tree(into)).toEqual(['set/', 'set/a.txt', 'set/sub/', 'set/sub/b.bin']);
      expect(fs.readFileSync(path.join(into, 'set', 'a.txt'), 'utf8')).toBe('alpha');
    }
  });

  it("refuses a tar with a '../' entry, an absolute entry or an escaping link, writing nothing outside", async () => {
    const work = fresh();
    const inside = path.join(work, 'pack', 'inside');
    fs.mkdirSync(inside, { recursive: true });
    fs.writeFileSync(path.join(inside, 'ok.txt'), 'fine');
    fs.writeFileSync(path.join(work, 'pack', 'evil.txt'), 'evil');
    // preservePaths keeps the names as given: '../evil.txt' and an absolute path.
    await tar.c({ cwd: inside, file: path.join(work, 'dotdot.tar'), preservePaths: true }, ['ok.txt', '../evil.txt']);
    await tar.c({ cwd: inside, file: path.join(work, 'absolute.tar'), preservePaths: true }, ['ok.txt', path.join(work, 'pack', 'evil.txt')]);
    fs.symlinkSync('../../../pack', path.join(inside, 'escape'));
    await tar.c({ cwd: inside, file: path.join(work, 'link.tar') }, ['escape']);
    for (const [file, entry] of [['dotdot.tar', '../evil.txt'], ['absolute.tar', path.join(work, 'pack', 'evil.txt')], ['link.tar', 'escape']]) {
      const into = path.join(work, 'into', file);
      fs.mkdirSync(into, { recursive: true });
      const error = await extractArchive(path.join(work, file), 'tar', into).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeArchiveEntryError);
      expect((error as UnsafeArchiveEntryError).entry).toBe(entry);
      expect((error as Error).message).toContain(`${path.join(work, file)}: refused entry '${entry}'`);
    }
    expect(fs.existsSync(path.join(work, 'into', 'evil.txt'))).toBe(false);
    expect(fs.readdirSync(path.join(work, 'into', 'link.tar'))).toEqual([]);
  });

  it("refuses a zip and a rar with a '../' entry before writing anything", async () => {
    const work = fresh();
    // yazl will not write a '../' name; write 'zz/evil.txt' and rename it in place (names are outside the CRC).
    await writeZip(path.join(work, 'bad.zip'), { 'ok.txt': 'fine', 'zz/evil.txt': 'evil' });
    const bytes = fs.readFileSync(path.join(work, 'bad.zip'));
    for (let at = bytes.indexOf('zz/evil.txt'); at >= 0; at = bytes.indexOf('zz/evil.txt', at)) bytes.write('../evil.txt', at);
    fs.writeFileSync(path.join(work, 'bad.zip'), bytes);
    fs.writeFileSync(path.join(work, 'bad.rar'), encodeRar([{ name: 'ok.txt', data: Buffer.from('fine') }, { name: '../evil.txt', data: Buffer.from('evil') }]));
    for (const [file, format] of [['bad.zip', 'zip'], ['bad.rar', 'rar']] as const) {
      const into = path.join(work, 'into');
      const error = await extractArchive(path.join(work, file), format, into).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeArchiveEntryError);
      expect((error as UnsafeArchiveEntryError).entry).toBe('../evil.txt');
      expect(fs.readdirSync(into)).toEqual([]);
      expect(fs.existsSync(path.join(work, 'evil.txt'))).toBe(false);
    }
  });

  it('names the archive when it is damaged', async () => {
    const work = fresh();
    const rar = encodeRar([{ name: 'a.txt', data: Buffer.from('hello rar world') }]);
    fs.writeFileSync(path.join(work, 'cut.rar'), rar.subarray(0, rar.length - 12));
    fs.writeFileSync(path.join(work, 'junk.zip'), 'not a zip at all');
    await expect(extractArchive(path.join(work, 'cut.rar'), 'rar', path.join(work, 'into'))).rejects.toThrow(`${path.join(work, 'cut.rar')}: unrar failed`);
    await expect(extractArchive(path.join(work, 'junk.zip'), 'zip', path.join(work, 'into'))).rejects.toThrow(`${path.join(work, 'junk.zip')}: not a readable zip`);
  });
});
