import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CorruptionSet, PerturbationSet, writeCifarFixture } from '@vpixmix/datasets';
import { readPng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo } from '../testing/capture-io';
import { corruptCommand } from './corrupt';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-corrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function corrupt(...args: string[]) {
  const io = captureIo();
  const code = await main(['corrupt', ...args], io, [corruptCommand]);
  return { code, io };
}

describe('vpixmix corrupt', () => {
  it('writes a -C set of CIFAR-10 (binary format) that the -C reader opens, with progress on stderr', async () => {
    const root = path.join(dir, 'cifar10');
    writeCifarFixture('cifar10', root, { trainPerFile: 1, test: 12 });
    const out = path.join(dir, 'cifar10-c');
    const run = await corrupt('--dataset', 'cifar10', '--root', root, '--out', out, '--limit', '5', '--corruptions', 'fog,pixelate', '--workers', '0', '--seed', '3');
    expect(run.code).toBe(0);
    expect(run.io.errText).toMatch(/cifar10-c: 50\/50 \(100%\) [\d.]+ images\/s in \d+s/);
    expect(run.io.outText).toMatch(/-C set of cifar10 \(cifar10\/test\): 2 corruptions x 5 items x 5 severities/);
    const set = CorruptionSet.open(out);
    expect(set.names).toEqual(['fog', 'pixelate']);
    expect([set.count, set.width, set.height]).toEqual([5, 32, 32]);
    set.close();
    const again = await corrupt('--dataset', 'cifar10', '--root', root, '--out', out, '--limit', '5', '--corruptions', 'fog,pixelate', '--workers', '0', '--seed', '3');
    expect(again.io.errText).toMatch(/kept \(finished earlier\) .*fog\.npy/);
  });

  it('writes a -P set of the embedded shapes and a sheet to look at', async () => {
    const out = path.join(dir, 'shapes-p');
    const sheet = path.join(dir, 'p.png');
    const run = await corrupt('--dataset', 'shapes', '--perturb', '--out', out, '--limit', '2', '--perturbations', 'translate,scale', '--workers', '0', '--sheet', sheet, '--scale', '1');
    expect(run.code).toBe(0);
    const set = PerturbationSet.open(out);
    expect(set.sequences('translate').steps).toBe(16);
    expect(set.sequences('scale').length).toBe(2);
    set.close();
    const picture = await readPng(sheet);
    expect([picture.width, picture.height]).toEqual([8 * 32 + 9 * 2, 2 * 32 + 3 * 2]);
  });

  it('draws the corruption sheet and, for clips, the temporal GIF without writing a set', async () => {
    const sheet = path.join(dir, 'c.png');
    const gif = path.join(dir, 't.gif');
    const run = await corrupt('--dataset', 'motion', '--test-size', '4', '--sheet', sheet, '--gif', gif, '--scale', '1');
    expect(run.code).toBe(0);
    expect((await readPng(sheet)).height).toBe(15 * 32 + 16 * 2);
    const bytes = readFileSync(gif);
    expect(bytes.toString('latin1', 0, 6)).toBe('GIF89a');
    expect([bytes.readUInt16LE(6), bytes.readUInt16LE(8)]).toEqual([6 * 32 + 7 * 2, 32 + 2 * 2]);
  });

  it('answers bad input with exit code 2 or a typed error', async () => {
    const bad = await corrupt('--dataset', 'shapes', '--corruptions', 'fogg', '--out', path.join(dir, 'x'));
    expect(bad.code).toBe(1);
    expect(bad.io.errText).toMatch(/UnknownCorruptionError: corruption: unknown corruption 'fogg'; choose one of/);
    expect((await corrupt('--dataset', 'shapes', '--limit', '0', '--out', path.join(dir, 'x'))).code).toBe(2);
    expect((await corrupt('--dataset', 'shapes', '--severity', '6', '--sheet', path.join(dir, 's.png'))).io.errText).toMatch(/--severity must be an integer >= 1 and <= 5/);
    expect((await corrupt('--dataset', 'shapes', '--perturbations', 'rotate')).io.errText).toMatch(/--perturbations is for -P sets; add --perturb/);
    expect((await corrupt('--dataset', 'shapes', '--gif', path.join(dir, 'g.gif'))).io.errText).toMatch(/--gif needs a clip data set/);
    expect((await corrupt('--out', path.join(dir, 'x'))).io.errText).toMatch(/--dataset is required/);
  });
});
