import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImage } from '@vpixmix/augment-core';
import { loadImageFolder } from '@vpixmix/mixing-sets';
import { writePng } from '@vpixmix/video-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tar from 'tar';
import yazl from 'yazl';
import { ArchiveServer } from '../fixtures/archive-server';
import { packTar, writeCifarArchive, writeCorruptionArchive } from '../fixtures/archive-fixtures';
import { writeRarOfFolder } from '../fixtures/rar-fixture';
import { writePerturbationFixture } from '../fixtures/companion-fixture';
import { writeUcf101Fixture } from '../fixtures/ucf101-fixture';
import { benchmarkPerturbations } from '../companions/names';
import { openShapes } from '../synthetic/shapes';
import { verifyDataset } from '../verify/verify';
import { type ArchiveSource, type DatasetSource, datasetSources } from './catalog';
import { readCatalogFile } from './catalog-file';
import { downloadDataset } from './download-dataset';
import { ChecksumMismatchError, DownloadSetupError, HttpStatusError, SizeMismatchError, UnsafeArchiveEntryError } from './errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-download-'));
const archives = path.join(dir, 'archives');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let server: ArchiveServer;
beforeAll(async () => {
  server = await ArchiveServer.start();
});
afterAll(() => server.close());

const md5 = (b: Uint8Array) => crypto.createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Serves `file` and returns the built-in entry for `name` pointed at it, with the fixture's true size and digests. */
function localSource(name: string, files: { file: string; bytes: Buffer; format?: ArchiveSource['format'] }[], overrides: Partial<ArchiveSource> = {}): Record<string, DatasetSource> {
  const builtIn = datasetSources[name];
  const archivesOf = files.map(({ file, bytes, format }, i) => {
    server.serve(file, bytes);
    const base = builtIn.archives[i] ?? builtIn.archives[0];
    return { ...base, file, format: format ?? base.format, url: server.url(file), bytes: bytes.length, md5: md5(bytes), sha256: sha256(bytes), ...overrides };
  });
  return { [name]: { ...builtIn, archives: archivesOf } };
}

let n = 0;
/** A fresh datasets folder, as VPIXMIX_DATASETS would name it. */
const freshData = () => path.join(dir, `data-${++n}`);
const common = (data: string) => ({ env: { VPIXMIX_DATASETS: data }, archives, official: false, backoffMs: 5, idleTimeoutMs: 2000 });

async function cifarArchive(): Promise<Buffer> {
  const file = path.join(dir, `cifar-${++n}.tar.gz`);
  await writeCifarArchive('cifar10', file);
  return fs.readFileSync(file);
}

describe('downloadDataset', () => {
  it('downloads, checks, unpacks and installs CIFAR-10 under VPIXMIX_DATASETS; a second run has nothing to do', async () => {
    const data = freshData();
    const bytes = await cifarArchive();
    const sources = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes }]);
    const lines: string[] = [];
    let seenMidway: string | undefined;
    const result = await downloadDataset('cifar10', {
      ...common(data),
      sources,
      log: (line) => {
        lines.push(line);
        // Unpacked but not yet moved: the set must not look present.
        if (line.includes('entries unpacked')) seenMidway = verifyDataset('cifar10', { env: { VPIXMIX_DATASETS: data }, official: false }).status;
      },
    });
    expect(seenMidway).toBe('missing');
    expect(result.outcome).toBe('installed');
    expect(result.root).toBe(path.join(data, 'cifar10'));
    expect(result.report?.status).toBe('ok');
    expect(fs.readdirSync(path.join(data, 'cifar10'))).toEqual(['cifar-10-batches-bin']);
    expect(fs.existsSync(path.join(archives, 'cifar-10-binary.tar.gz'))).toBe(false);
    expect(lines).toContain('  cifar-10-binary.tar.gz: ' + `${bytes.length.toLocaleString('en')} bytes, md5 ok, sha256 ok`);
    expect(verifyDataset('cifar10', { env: { VPIXMIX_DATASETS: data }, official: false }).status).toBe('ok');

    const again = await downloadDataset('cifar10', { ...common(data), sources });
    expect(again.outcome).toBe('already-present');
  });

  it('keeps a download whose checksum is wrong aside, named, and installs nothing', async () => {
    const data = freshData();
    const bytes = await cifarArchive();
    const sources = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes }], { md5: '0'.repeat(32), sha256: undefined, bytes: undefined });
    const error = await downloadDataset('cifar10', { ...common(data), sources }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    const mismatch = error as ChecksumMismatchError;
    expect(mismatch.actual).toBe(md5(bytes));
    expect(mismatch.keptAt).toBe(path.join(archives, 'cifar-10-binary.tar.gz.bad'));
    expect(mismatch.message).toContain(`md5 ${md5(bytes)}, but the table records ${'0'.repeat(32)}`);
    expect(fs.readFileSync(mismatch.keptAt).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(data, 'cifar10'))).toBe(false);
    fs.rmSync(mismatch.keptAt);
  });

  it('fetches from --mirror by file name, and refuses a mirror serving another file by its size', async () => {
    const data = freshData();
    const bytes = await cifarArchive();
    server.serve('cifar-10-binary.tar.gz', bytes);
    const error = await downloadDataset('cifar10', { ...common(data), mirror: server.base }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SizeMismatchError);
    expect((error as Error).message).toBe(
      `${server.url('cifar-10-binary.tar.gz')}: the server announces ${bytes.length.toLocaleString('en')} bytes, the table records 170,052,171: not the published archive. Nothing was downloaded; check the URL or --mirror.`,
    );
    const mirrored = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes }], { url: 'https://unreachable.invalid/cifar-10-binary.tar.gz' });
    const result = await downloadDataset('cifar10', { ...common(data), sources: mirrored, mirror: `${server.base}` });
    expect(result.report?.status).toBe('ok');
  });

  it('answers a 404 with the URL and leaves the data set folder untouched', async () => {
    const data = freshData();
    const sources = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes: Buffer.from('x') }], { url: server.url('nowhere.tar.gz') });
    await expect(downloadDataset('cifar10', { ...common(data), sources })).rejects.toBeInstanceOf(HttpStatusError);
    expect(fs.existsSync(path.join(data, 'cifar10'))).toBe(false);
  });

  it("refuses an archive with a '../' entry: nothing installed, no staging folder left", async () => {
    const data = freshData();
    const work = path.join(dir, `evil-${++n}`);
    fs.mkdirSync(path.join(work, 'inside', 'cifar-10-batches-bin'), { recursive: true });
    fs.writeFileSync(path.join(work, 'inside', 'cifar-10-batches-bin', 'test_batch.bin'), Buffer.alloc(3073));
    fs.writeFileSync(path.join(work, 'escape.txt'), 'evil');
    await tar.c({ cwd: path.join(work, 'inside'), file: path.join(work, 'evil.tar.gz'), gzip: true, preservePaths: true }, ['cifar-10-batches-bin', '../escape.txt']);
    const sources = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes: fs.readFileSync(path.join(work, 'evil.tar.gz')) }]);
    const error = await downloadDataset('cifar10', { ...common(data), sources }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeArchiveEntryError);
    expect((error as UnsafeArchiveEntryError).entry).toBe('../escape.txt');
    expect(fs.readdirSync(path.join(data, 'cifar10'))).toEqual([]);
    expect(fs.existsSync(path.join(data, 'escape.txt'))).toBe(false);
  });

  it('replaces a broken set only with --force, and removes the old copy once the new one is in', async () => {
    const data = freshData();
    const folder = path.join(data, 'cifar10', 'cifar-10-batches-bin');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'test_batch.bin'), Buffer.alloc(100));
    const sources = localSource('cifar10', [{ file: 'cifar-10-binary.tar.gz', bytes: await cifarArchive() }]);
    const refused = downloadDataset('cifar10', { ...common(data), sources });
    await expect(refused).rejects.toBeInstanceOf(DownloadSetupError);
    await expect(refused).rejects.toThrow(`${folder} is already there, but verify says INVALID`);
    await expect(refused).rejects.toThrow(/Rerun with --force/);
    const result = await downloadDataset('cifar10', { ...common(data), sources, force: true });
    expect(result.report?.status).toBe('ok');
    expect(fs.readdirSync(path.join(data, 'cifar10'))).toEqual(['cifar-10-batches-bin']);
  });

  it('installs CIFAR-10-C from a .tar of .npy files', async () => {
    const data = freshData();
    const file = path.join(dir, `c10c-${++n}.tar`);
    await writeCorruptionArchive('cifar10', file, { count: 2 });
    const sources = localSource('cifar10-c', [{ file: 'CIFAR-10-C.tar', bytes: fs.readFileSync(file) }]);
    const result = await downloadDataset('cifar10-c', { ...common(data), sources });
    expect(result.report?.status).toBe('ok');
    expect(result.report?.summary).toContain('15 of 19 corruption files valid');
    expect(fs.existsSync(path.join(data, 'cifar10-c', 'CIFAR-10-C', 'fog.npy'))).toBe(true);
  });

  it('installs UCF101 from a .rar of the videos and a .zip of the split lists', async () => {
    const data = freshData();
    const tree = path.join(dir, `ucf-${++n}`);
    await writeUcf101Fixture(tree, { groupsPerClass: 2, frames: 4, width: 16, height: 12 });
    writeRarOfFolder(path.join(tree, 'UCF-101'), path.join(tree, 'UCF101.rar'));
    const zip = new yazl.ZipFile();
    for (const list of fs.readdirSync(path.join(tree, 'ucfTrainTestlist'))) zip.addFile(path.join(tree, 'ucfTrainTestlist', list), `ucfTrainTestlist/${list}`);
    zip.end();
    await new Promise<void>((resolve) => zip.outputStream.pipe(fs.createWriteStream(path.join(tree, 'lists.zip'))).on('close', () => resolve()));
    const sources = localSource('ucf101', [
      { file: 'UCF101.rar', bytes: fs.readFileSync(path.join(tree, 'UCF101.rar')) },
      { file: 'UCF101TrainTestSplits-RecognitionTask.zip', bytes: fs.readFileSync(path.join(tree, 'lists.zip')) },
    ]);
    const result = await downloadDataset('ucf101', { ...common(data), sources });
    expect(result.report?.status).toBe('ok');
    expect(result.report?.summary).toContain('lists and 6 videos present');
    expect(fs.readdirSync(path.join(data, 'ucf101')).sort()).toEqual(['UCF-101', 'ucfTrainTestlist']);
  }, 60_000);

  it('takes an archive without a URL from the archives folder, after saying where to put it', async () => {
    const data = freshData();
    const perturbations = path.join(dir, `c100p-${++n}`);
    await writePerturbationFixture(path.join(perturbations, 'CIFAR-100-P'), openShapes('test', { testSize: 2 }), { names: benchmarkPerturbations, steps: 3 });
    await packTar(perturbations, ['CIFAR-100-P'], path.join(perturbations, 'CIFAR-100-P.tar'));
    const bytes = fs.readFileSync(path.join(perturbations, 'CIFAR-100-P.tar'));
    const own = path.join(dir, `own-archives-${n}`);
    const builtIn = datasetSources['cifar100-p'];
    const sources = { 'cifar100-p': { ...builtIn, archives: [{ ...builtIn.archives[0], md5: md5(bytes) }] } };
    const refused = downloadDataset('cifar100-p', { ...common(data), archives: own, sources });
    await expect(refused).rejects.toBeInstanceOf(DownloadSetupError);
    await expect(refused).rejects.toThrow(`CIFAR-100-P.tar: no direct download. CIFAR-100-P is published only as a Google Drive folder`);
    await expect(refused).rejects.toThrow(`Put the file at ${path.join(own, 'CIFAR-100-P.tar')} and run the command again`);
    fs.copyFileSync(path.join(perturbations, 'CIFAR-100-P.tar'), path.join(own, 'CIFAR-100-P.tar'));
    const result = await downloadDataset('cifar100-p', { ...common(data), archives: own, sources });
    expect(result.report?.status).toBe('ok');
  });

  it('installs the PixMix mixing set, which then loads as a folder mixing source', async () => {
    const data = freshData();
    const work = path.join(dir, `mixing-${++n}`);
    const picture = createImage(40, 40, new Uint8Array(40 * 40 * 3).fill(200));
    for (const [folder, count] of [['fractals/images', 3], ['first_layers_resized256_onevis/images', 2]] as const) {
      for (let i = 0; i < count; i++) await writePng(path.join(work, 'fractals_and_fvis', folder, `${i}.png`), picture);
    }
    await packTar(work, ['fractals_and_fvis'], path.join(work, 'fractals_and_fvis.tar'));
    const sources = localSource('pixmix-mixing', [{ file: 'fractals_and_fvis.tar', bytes: fs.readFileSync(path.join(work, 'fractals_and_fvis.tar')) }]);
    const result = await downloadDataset('pixmix-mixing', { ...common(data), sources });
    expect(result.report?.status).toBe('ok');
    expect(result.report?.summary).toContain('3 fractals, 2 feature visualizations');
    const mixing = await loadImageFolder(path.join(data, 'pixmix-mixing', 'fractals_and_fvis'));
    expect(mixing.length).toBe(5);
  });
});

describe('readCatalogFile', () => {
  it('reads a catalog whose entries replace the built-in ones, and names the field that is wrong', () => {
    const file = path.join(dir, 'catalog.json');
    fs.writeFileSync(file, JSON.stringify({ cifar10: { title: 'CIFAR-10 from our mirror', provides: ['cifar-10-batches-bin'], archives: [{ file: 'c10.tgz', format: 'tar.gz', url: 'http://mirror.lan/c10.tgz', md5: 'A'.repeat(32) }] } }));
    const catalog = readCatalogFile(file);
    expect(catalog.cifar10.archives[0]).toMatchObject({ file: 'c10.tgz', format: 'tar.gz', url: 'http://mirror.lan/c10.tgz', md5: 'a'.repeat(32), page: 'http://mirror.lan/c10.tgz' });
    fs.writeFileSync(file, JSON.stringify({ x: { provides: ['a'], archives: [{ file: '../up.tar', format: 'tar' }] } }));
    expect(() => readCatalogFile(file)).toThrow(`${file}: x.archives[0].file: expected a file name without folders, got "../up.tar"`);
    fs.writeFileSync(file, JSON.stringify({ x: { provides: ['a'], archives: [{ file: 'a.7z', format: '7z' }] } }));
    expect(() => readCatalogFile(file)).toThrow(/x\.archives\[0\]\.format: expected one of tar, tar\.gz, zip, rar, got '7z'/);
    fs.writeFileSync(file, '{ not json');
    expect(() => readCatalogFile(file)).toThrow(DownloadSetupError);
  });
});
