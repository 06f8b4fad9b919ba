import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command';
import { invoke } from '../invoke';
import { pipelineBenchmark } from './pipeline';

// A smoke run so the benchmark cannot rot; its figures mean nothing on a test machine.
describe('vpixmix bench pipeline', () => {
  it('runs the image part end to end and reports samples/s and the wait share', async () => {
    const io = { outText: '', errText: '', out: (t: string) => void (io.outText += `${t}\n`), err: (t: string) => void (io.errText += `${t}\n`) } as CommandIo & { outText: string; errText: string };
    const args = ['--only', 'images', '--images', '64', '--batch', '32', '--workers', '1', '--step-ms', '5', '--python', 'none'];
    expect(await invoke(pipelineBenchmark, args, io, 'vpixmix bench pipeline')).toBe(0);
    expect(io.outText).toMatch(/PixMix on this thread +step +0 ms: +[\d,]+ samples\/s, consumer waits +[\d.]+% of steady time/);
    expect(io.outText).toMatch(/PixMix on 1 worker +step +5 ms: +[\d,]+ samples\/s/);
    expect(io.outText).toContain('reference: skipped (--python none)');
  }, 120_000);
});
