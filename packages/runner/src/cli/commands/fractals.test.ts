import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo } from '../testing/capture-io';
import { fractalsCommand } from './fractals';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-fractals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fractals(...args: string[]) {
  const io = captureIo();
  const code = await main(['fractals', ...args], io, [fractalsCommand]);
  return { code, io, summary: code === 0 ? (JSON.parse(io.outText) as Record<string, unknown>) : {} };
}

describe('vpixmix fractals', () => {
  it('writes the set, its manifest and a contact sheet, and leaves a finished set alone', async () => {
    const out = path.join(dir, 'set');
    const sheet = path.join(dir, 'sheet.png');
    const first = await fractals('--count', '6', '--size', '16', '--seed', '3', '--out', out, '--contact-sheet', sheet, '--scale', '2');
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ generator: 'ifs', count: 6, size: 16, generated: 6, reused: 0 });
    expect(readdirSync(out).sort()).toEqual(['00000.png', '00001.png', '00002.png', '00003.png', '00004.png', '00005.png', 'manifest.json']);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toMatchObject({ generator: 'ifs', seed: 3, count: 6 });
    const grid = await readPng(sheet);
    // 3 x 2 cells of 32 px (16 px enlarged twice) with 2 px gaps.
    expect([grid.width, grid.height]).toEqual([3 * 32 + 4 * 2, 2 * 32 + 3 * 2]);
    expect(first.io.errText).toMatch(/fractals pictures: 6\/6 \(100%\) [\d.]+ pictures\/s in \d+s/);
    const again = await fractals('--count', '6', '--size', '16', '--seed', '3', '--out', out);
    expect(again.summary).toMatchObject({ generated: 0, reused: 6 });
  });

  it('refuses to overwrite a different set without --force, and bad options with exit code 2', async () => {
    const out = path.join(dir, 'other');
    expect((await fractals('--count', '2', '--size', '8', '--out', out)).code).toBe(0);
    const clash = await fractals('--count', '2', '--size', '8', '--seed', '1', '--out', out);
    expect(clash.code).toBe(1);
    expect(clash.io.errText).toMatch(/MixingCacheError: .* already holds a different mixing set \(seed: the set has 0, asked 1\).*--force/);
    expect((await fractals('--count', '2', '--size', '8', '--seed', '1', '--out', out, '--force')).code).toBe(0);
    expect((await fractals('--count', '2')).io.errText).toMatch(/--out is required/);
    expect((await fractals('--out', out, '--frames', '4')).code).toBe(2);
    expect((await fractals('--out', out, '--min-fill', '2')).io.errText).toMatch(/--min-fill must be a number >= 0 and <= 1/);
  });

  it('writes fractal-zoom clips and a GIF of the first', async () => {
    const out = path.join(dir, 'zoom');
    const gif = path.join(dir, 'zoom.gif');
    const result = await fractals('--zoom', '--count', '2', '--frames', '4', '--size', '16', '--out', out, '--gif', gif);
    expect(result.code).toBe(0);
    expect(result.summary).toMatchObject({ generator: 'zoom', frames: 4 });
    expect(readFileSync(gif).subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const strip = await readPng(path.join(out, '00001.png'));
    expect([strip.width, strip.height]).toEqual([16, 64]);
  });
});
