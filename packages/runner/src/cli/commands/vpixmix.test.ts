import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo as capture } from '../testing/capture-io';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-vpixmix-'));

describe('vpixmix vpixmix', () => {
  it('writes a side-by-side GIF (original | presets) and records, frozen presets still on a still clip', async () => {
    const out = path.join(dir, 'preview.gif');
    const io = capture();
    const code = await main(['vpixmix', 'synthetic', '--frames', '4', '--size', '24', '--preset', 'naive,single-picture,fractal-zoom', '--seed', '3', '--out', out], io);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const gif = readFileSync(out);
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    // 4 columns of 24 px, 2 px gaps, enlarged 2x below 64 px.
    expect(gif.readUInt16LE(6)).toBe(2 * (4 * 24 + 5 * 2));
    const summary = JSON.parse(io.outText);
    expect(summary.columns).toEqual(['original', 'naive', 'single-picture', 'fractal-zoom']);
    const records = JSON.parse(readFileSync(out.replace(/\.gif$/, '.json'), 'utf8'));
    expect(records.presets.map((p: { record: { draws: unknown[] } }) => p.record.draws.length)).toEqual([4, 1, 1]);
  }, 120_000);

  it('explains bad presets and missing inputs', async () => {
    const io = capture();
    expect(await main(['vpixmix', 'synthetic', '--preset', 'wobbly', '--out', path.join(dir, 'x.gif')], io)).toBe(2);
    expect(io.errText).toMatch(/unknown preset 'wobbly'/);
    const io2 = capture();
    expect(await main(['vpixmix', 'synthetic', '--preset', 'video-mixing', '--out', path.join(dir, 'x.gif')], io2)).toBe(2);
    expect(io2.errText).toMatch(/--mixing-video FILE is needed/);
    const io3 = capture();
    expect(await main(['vpixmix', path.join(dir, 'missing.mp4'), '--frames', '2', '--size', '16', '--out', path.join(dir, 'x.gif')], io3)).toBe(1);
    expect(io3.errText).toMatch(/missing\.mp4/);
  });
});
