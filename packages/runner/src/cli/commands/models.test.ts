import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createModel, loadModel, readTensorFile, saveModel } from '@vpixmix/models';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo as capture } from '../testing/capture-io';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-models-cli-'));
const scripts = path.resolve(__dirname, '../../../../models/scripts');
const python = process.env['VPIXMIX_PYTHON'] ?? '/usr/bin/python3';
const torchAvailable = spawnSync(python, ['-c', 'import torch, torchvision'], { encoding: 'utf8' }).status === 0;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(['models', ...args], io);
  return { code, out: io.outText, err: io.errText };
}

describe('vpixmix models', () => {
  it('lists the registry and reports the PyTorch parameter count of a model', async () => {
    const list = await run('list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^wrn-40-4 /m);
    expect(list.out).toMatch(/^r3d-18 /m);
    const info = await run('info', 'wrn-40-4', '--classes', '10');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({ name: 'wrn-40-4', trainableParams: 8_949_210, input: [null, 32, 32, 3], output: [null, 10] });
  });

  it('says what is wrong with a bad name or a missing option', async () => {
    const unknown = await run('info', 'resnet-50');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/ModelConfigError: model: unknown model 'resnet-50'; choose wrn-<depth>-<widen>/);
    const missing = await run('import-torch', path.join(dir, 'x.safetensors'), '--model', 'wrn-10-1', '--out', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--classes is required/);
  });

  it('exports a saved model to a PyTorch state_dict and imports it back unchanged', async () => {
    const model = createModel('r3d-tiny', { numClasses: 4, inputShape: [4, 16, 16, 3], initSeed: 2 });
    await saveModel(model, path.join(dir, 'original'));
    expect((await run('export-torch', path.join(dir, 'original'), '--out', path.join(dir, 'sd.safetensors'))).code).toBe(0);
    expect(readTensorFile(path.join(dir, 'sd.safetensors')).tensors.get('stem.0.weight')?.shape).toEqual([8, 3, 3, 7, 7]);
    const back = await run('import-torch', path.join(dir, 'sd.safetensors'), '--model', 'r3d-tiny', '--classes', '4', '--input', '4,16,16,3', '--out', path.join(dir, 'back'));
    expect(back.code).toBe(0);
    const x = tf.randomNormal([2, 4, 16, 16, 3], 0, 1, 'float32', 3);
    const restored = await loadModel(path.join(dir, 'back'));
    expect((restored.predict(x) as tf.Tensor).dataSync()).toEqual((model.predict(x) as tf.Tensor).dataSync());
  }, 60_000);

  it.skipIf(!torchAvailable)('imports a checkpoint saved the way the reference cifar.py saves it, with the same logits as PyTorch', async () => {
    const pth = path.join(dir, 'checkpoint.pth.tar');
    const io = path.join(dir, 'io.safetensors');
    const sd = path.join(dir, 'wrn.safetensors');
    const make = spawnSync(python, [path.join(scripts, 'torch_reference.py'), '--pixmix-checkpoint', pth, io], {
      encoding: 'utf8',
      env: { ...process.env, VPIXMIX_BENCH_DIR: path.resolve(__dirname, '../../../../../..', 'shared/bench') },
    });
    expect(make.stderr).toBe('');
    expect(spawnSync(python, [path.join(scripts, 'torch_to_safetensors.py'), pth, sd], { encoding: 'utf8' }).status).toBe(0);
    expect((await run('import-torch', sd, '--model', 'wrn-16-2', '--classes', '10', '--out', path.join(dir, 'wrn'))).code).toBe(0);
    const model = await loadModel(path.join(dir, 'wrn'));
    const ref = readTensorFile(io).tensors;
    const input = ref.get('x');
    const expected = ref.get('logits');
    if (!input || !expected) throw new Error('torch_reference.py wrote no x/logits');
    const logits = tf.tidy(() => (model.predict(tf.transpose(tf.tensor(input.data, input.shape), [0, 2, 3, 1])) as tf.Tensor).dataSync());
    const error = Math.max(...Array.from(logits, (v, i) => Math.abs(v - expected.data[i])));
    expect(error).toBeLessThan(1e-4);
  }, 120_000);
});
