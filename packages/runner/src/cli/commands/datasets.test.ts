import crypto from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArchiveServer, writeCifarArchive, writeCifarFixture } from '@vpixmix/datasets';
import { readPng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../command';
import { main } from '../main';
import { datasetsCommand } from './datasets';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-datasets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function datasets(...args: string[]) {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += `${t}\n`), err: (t: string) => void (io.errText += `${t}\n`) } as CommandIo & { outText: string; errText: string };
  const code = await main(['datasets', ...args], io, [datasetsCommand]);
  return { code, out: io.outText, err: io.errText };
}

describe('vpixmix datasets', () => {
  it('verify NAME says what is missing and where it goes, with exit code 1', async () => {
    const root = path.join(dir, 'nothing');
    const { code, out } = await datasets('verify', 'cifar10', '--root', root);
    expect(code).toBe(1);
    expect(out).toContain(`cifar10      MISSING  ${path.join(root, 'cifar-10-batches-bin')}`);
    expect(out).toContain(`tar -xzf cifar-10-binary.tar.gz -C ${root}`);
    expect(out).toContain('> Fetch it: npx vpixmix datasets download cifar10   (cifar-10-binary.tar.gz (170,052,171 bytes, md5 c32a1d4ab5d03f1284b67883e8d87530))');
  });

  it('download fetches a set from a local server, checks it and installs it; verify then reports it ok', async () => {
    const archive = path.join(dir, 'served', 'c10.tar.gz');
    await writeCifarArchive('cifar10', archive);
    const bytes = readFileSync(archive);
    const server = await ArchiveServer.start({ 'c10.tar.gz': bytes });
    try {
      const catalog = path.join(dir, 'catalog.json');
      const md5 = crypto.createHash('md5').update(bytes).digest('hex');
      writeFileSync(catalog, JSON.stringify({ cifar10: { provides: ['cifar-10-batches-bin'], archives: [{ file: 'c10.tar.gz', format: 'tar.gz', url: server.url('c10.tar.gz'), md5 }] } }));
      const root = path.join(dir, 'downloaded', 'cifar10');
      const archives = path.join(dir, 'downloaded', '.downloads');
      const run = await datasets('download', '--name', 'cifar10', '--catalog', catalog, '--root', root, '--archives', archives, '--lenient');
      expect(run.code).toBe(0);
      expect(run.out).toContain(`  c10.tar.gz: downloading ${server.url('c10.tar.gz')}`);
      expect(run.out).toContain(`  c10.tar.gz: ${bytes.length.toLocaleString('en')} bytes, md5 ok`);
      expect(run.out).toMatch(/cifar10 +ok/);
      expect(run.err).toContain(`c10.tar.gz  [${'#'.repeat(24)}] 100%`);
      expect(readdirSync(root)).toEqual(['cifar-10-batches-bin']);
      expect(existsSync(path.join(archives, 'c10.tar.gz'))).toBe(false);
      expect((await datasets('verify', 'cifar10', '--root', root, '--lenient')).code).toBe(0);

      writeFileSync(catalog, JSON.stringify({ cifar10: { provides: ['cifar-10-batches-bin'], archives: [{ file: 'gone.tar.gz', format: 'tar.gz', url: server.url('gone.tar.gz') }] } }));
      const missing = await datasets('download', 'cifar10', '--catalog', catalog, '--root', path.join(dir, 'other'), '--archives', archives);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain(`HttpStatusError: ${server.url('gone.tar.gz')}: HTTP 404 Not Found.`);
    } finally {
      await server.close();
    }
  });

  it('download without a known name lists what it can fetch', async () => {
    const none = await datasets('download');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/cifar10-c +2\.72 GiB +CIFAR-10-C\.tar/);
    expect(none.err).toMatch(/ucf101 +about 6\.5 GB +UCF101\.rar \+ UCF101TrainTestSplits-RecognitionTask\.zip/);
    expect((await datasets('download', 'imagenet')).err).toMatch(/unknown data set 'imagenet' to download/);
  });

  it('verify accepts a well-formed small set with --lenient', async () => {
    const root = path.join(dir, 'c10');
    writeCifarFixture('cifar10', root, { trainPerFile: 2, test: 2 });
    expect((await datasets('verify', 'cifar10', '--root', root)).code).toBe(1);
    const lenient = await datasets('verify', 'cifar10', '--root', root, '--lenient');
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/cifar10 +ok/);
  });

  it('show writes one row of samples per class', async () => {
    const out = path.join(dir, 'shapes.png');
    const { code, out: text } = await datasets('show', 'shapes', '--split', 'test', '--test-size', '40', '-n', '3', '--scale', '1', '--out', out);
    expect(code).toBe(0);
    expect(text).toContain('row: circle (items 0, 10, 20)');
    const sheet = await readPng(out);
    // 3 columns x 10 rows of 32 px with 2 px gaps.
    expect([sheet.width, sheet.height]).toEqual([3 * 32 + 4 * 2, 10 * 32 + 11 * 2]);
  });

  it('answers an unknown action or set with a usage error', async () => {
    expect((await datasets('fetch', 'cifar10')).code).toBe(2);
    const unknown = await datasets('verify', 'imagenet');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown data set 'imagenet'/);
  });
});
