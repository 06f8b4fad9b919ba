import { describe, expect, it } from 'vitest';
import { invoke } from '../invoke';
import { captureIo } from '../testing/capture-io';
import { attackBenchmark } from './attack';

// A smoke run on a tiny model so the benchmark cannot rot; its figures mean nothing here.
describe('vpixmix bench attack', () => {
  it('times PGD on a model by name and leaves no tensors behind', async () => {
    const io = captureIo();
    const args = ['--model', 'wrn-10-1', '--size', '8', '--batch', '2', '--batches', '1', '--steps', '2', '--backend', 'cpu'];
    expect(await invoke(attackBenchmark, args, io, 'vpixmix bench attack')).toBe(0);
    expect(io.outText).toMatch(/attack: PGD-2 L-inf on wrn-10-1 at 8x8, batch 2, backend cpu: [\d.]+ images\/s .*tensors left behind: 0\)/);
    expect(io.errText).toMatch(/step 2\/2 .* images\/s +ETA/);
  });

  it('refuses a reference it cannot run', async () => {
    const io = captureIo();
    await expect(invoke(attackBenchmark, ['--model', 'r3d-tiny', '--reference'], io, 'vpixmix bench attack')).rejects.toThrow(
      /--reference: the PyTorch reference is a wrn-<depth>-<widen> at 32x32/,
    );
  });
});
