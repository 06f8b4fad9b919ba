import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCifarFixture } from '@vpixmix/datasets';
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
