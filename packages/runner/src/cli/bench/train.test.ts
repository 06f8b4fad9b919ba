import { describe, expect, it } from 'vitest';
import { invoke } from '../invoke';
import { captureIo } from '../testing/capture-io';
import { trainBenchmark } from './train';

// A smoke run on a tiny model so the benchmark cannot rot; its figures mean nothing here.
describe('vpixmix bench train', () => {
  it('times training steps of a model by name, profiles the kernels, and leaves no tensors behind', async () => {
    const io = captureIo();
    const args = ['--model', 'wrn-10-1', '--size', '8', '--batch', '4', '--steps', '2', '--backend', 'wasm', '--threads', '1', '--profile'];
    expect(await invoke(trainBenchmark, args, io, 'vpixmix bench train')).toBe(0);
    expect(io.outText).toMatch(/train: wrn-10-1 \([\d,]+ params\), batch 4, input 8x8x3, backend: wasm \(1 thread/);
    expect(io.outText).toMatch(/train: [\d,]+ ms\/step \(median of 2; tensors left behind: 0\)/);
    expect(io.outText).toMatch(/profile: Conv2DBackpropFilter +\d+ +[\d.]+ +[\d.]+%/);
    expect(io.errText).toMatch(/step 2\/2/);
  });

  it('refuses a reference it cannot run', async () => {
    const io = captureIo();
    await expect(invoke(trainBenchmark, ['--model', 'wrn-10-1', '--size', '16', '--reference'], io, 'vpixmix bench train')).rejects.toThrow(
      /--reference: the PyTorch Wide ResNet reference runs at 32x32 only/,
    );
  });

  it('names the models it knows when given an unknown one', async () => {
    const io = captureIo();
    await expect(invoke(trainBenchmark, ['--model', 'resnet50'], io, 'vpixmix bench train')).rejects.toThrow(/--model: unknown model 'resnet50'/);
  });
});
