import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo as capture } from '../testing/capture-io';

describe('vpixmix bench augment', () => {
  it('measures images/s on one thread and the pool (reference skipped here)', async () => {
    const io = capture();
    const code = await main(['bench', 'augment', '--sizes', '16', '--repeats', '1', '--seconds', '0.1', '--workers', '1', '--python', 'none'], io);
    expect(code).toBe(0);
    const summary = JSON.parse(io.outText.trim().split('\n').pop() ?? '{}');
    expect(summary.results[0].size).toBe(16);
    expect(summary.results[0].oneThread).toBeGreaterThan(0);
    expect(summary.results[0].pool).toBeGreaterThan(0);
  }, 120_000);

  it('measures clips/s per preset with --clip', async () => {
    const io = capture();
    const code = await main(['bench', 'augment', '--clip', '3x16x16', '--repeats', '1', '--seconds', '0.1', '--python', 'none'], io);
    expect(code).toBe(0);
    const summary = JSON.parse(io.outText.trim().split('\n').pop() ?? '{}');
    expect(summary.results.map((r: { preset: string }) => r.preset)).toEqual(['naive', 'single-picture', 'frozen-pixmix', 'fractal-zoom', 'video-mixing']);
    for (const r of summary.results) expect(r.clipsPerSecond).toBeGreaterThan(0);
    const bad = capture();
    expect(await main(['bench', 'augment', '--clip', '16by112'], bad)).toBe(2);
    expect(bad.errText).toMatch(/--clip must be TxHxW/);
  }, 120_000);
});
