import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createModel, KINETICS_NORMALIZATION, loadModel, readTensorFile, saveModel, toTorchStateDict, writeTensorFile } from '@vpixmix/models';
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

  it("is strict like PyTorch's load_state_dict: wrn-16-2 weights into wrn-10-2 list the unexpected keys; --no-strict loads what matches", async () => {
    const big = createModel('wrn-16-2', { numClasses: 10, initSeed: 1 });
    const file = path.join(dir, 'wrn-16-2.safetensors');
    writeTensorFile(file, await toTorchStateDict(big));
    const strict = await run('import-torch', file, '--model', 'wrn-10-2', '--classes', '10', '--out', path.join(dir, 'strict'));
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/CheckpointError: .*wrn-16-2\.safetensors: does not fit wrn-10-2 \(\d+ tensors\): unexpected key\(s\) in the state_dict: "block1\.layer\.1\.bn1\.weight", .*\(\d+ in all\).*--no-strict/);
    const loose = await run('import-torch', file, '--model', 'wrn-10-2', '--classes', '10', '--out', path.join(dir, 'loose'), '--no-strict');
    expect(loose.code, loose.err).toBe(0);
    expect(loose.err).toMatch(/warning: --no-strict: \d+ tensors of .* fit no weight of wrn-10-2 and were ignored: block1\.layer\.1\./);
    const small = createModel('wrn-10-1', { numClasses: 10 });
    const missing = path.join(dir, 'wrn-10-1.safetensors');
    writeTensorFile(missing, await toTorchStateDict(small));
    const fewer = await run('import-torch', missing, '--model', 'wrn-16-1', '--classes', '10', '--out', path.join(dir, 'fewer'));
    expect(fewer.err).toMatch(/missing key\(s\) in the state_dict: "block1\.layer\.1\./);
    big.dispose();
    small.dispose();
  }, 60_000);

  it('names both layouts when a shape does not fit, and says how to convert a .pth pickle', async () => {
    const file = path.join(dir, 'wide.safetensors');
    writeTensorFile(file, await toTorchStateDict(createModel('wrn-10-2', { numClasses: 10 })));
    // --no-strict: past the key check (wrn-10-2 has a shortcut conv wrn-10-1 lacks), a shape error stays an error.
    const wrong = await run('import-torch', file, '--model', 'wrn-10-1', '--classes', '10', '--out', path.join(dir, 'wrong'), '--no-strict');
    expect(wrong.err).toMatch(
      /'block1\.layer\.0\.conv1\.weight' is \[32, 16, 3, 3\] in PyTorch's layout \(out, in, kh, kw\) = \[3, 3, 16, 32\] in ours \(kh, kw, in, out\), but wrn-10-1's block1\.layer\.0\.conv1\/kernel needs \[16, 16, 3, 3\] in PyTorch's layout/,
    );
    // torch.save writes a zip archive (PyTorch >= 1.6) or a bare pickle (protocol 2).
    const zip = path.join(dir, 'model.pth');
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0]));
    const pickle = path.join(dir, 'old.pth.tar');
    writeFileSync(pickle, Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8]));
    for (const pth of [zip, pickle]) {
      const r = await run('import-torch', pth, '--model', 'wrn-10-1', '--classes', '10', '--out', path.join(dir, 'pth'));
      expect(r.err).toMatch(/is a PyTorch pickle \(torch\.save\), not a safetensors file; convert it with: python3 packages\/models\/scripts\/torch_to_safetensors\.py .*\.pth(\.tar)? OUT\.safetensors/);
      expect(r.err).not.toMatch(/truncated/);
    }
  }, 60_000);

  it('exports num_batches_tracked (int64) for every BatchNorm, and reads it back', async () => {
    await saveModel(createModel('wrn-10-1', { numClasses: 10 }), path.join(dir, 'bn'));
    const out = path.join(dir, 'bn.safetensors');
    expect((await run('export-torch', path.join(dir, 'bn'), '--out', out)).code).toBe(0);
    const tensors = readTensorFile(out).tensors;
    expect(tensors.get('bn1.num_batches_tracked')).toEqual({ shape: [], data: new Float32Array([0]), dtype: 'I64' });
    expect([...tensors.keys()].filter((k) => k.endsWith('num_batches_tracked')).length).toBe([...tensors.keys()].filter((k) => k.endsWith('running_var')).length);
    expect((await run('import-torch', out, '--model', 'wrn-10-1', '--classes', '10', '--out', path.join(dir, 'bn-back'))).code).toBe(0);
  }, 60_000);

  it("--normalize kinetics feeds torchvision's r3d weights (x - mean) / std from our 2x - 1 input", async () => {
    const model = createModel('r3d-tiny', { numClasses: 4, inputShape: [2, 16, 16, 3], initSeed: 5 });
    const sd = path.join(dir, 'r3d.safetensors');
    writeTensorFile(sd, await toTorchStateDict(model));
    const r = await run('import-torch', sd, '--model', 'r3d-tiny', '--classes', '4', '--input', '2,16,16,3', '--normalize', 'kinetics', '--out', path.join(dir, 'kinetics'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/input normalised with mean 0\.43216, 0\.394666, 0\.37645, std 0\.22803, 0\.22145, 0\.216989/);
    const imported = await loadModel(path.join(dir, 'kinetics'));
    const pixels = tf.randomUniform([1, 2, 16, 16, 3], 0, 1, 'float32', 4);
    const { mean, std } = KINETICS_NORMALIZATION;
    const ours = (imported.predict(tf.sub(tf.mul(pixels, 2), 1)) as tf.Tensor).dataSync();
    const torchvision = (model.predict(tf.div(tf.sub(pixels, tf.tensor1d([...mean])), tf.tensor1d([...std]))) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(ours, (v, i) => Math.abs(v - torchvision[i])))).toBeLessThan(1e-4);
    const bad = await run('import-torch', sd, '--model', 'r3d-tiny', '--classes', '4', '--normalize', 'kinetic', '--out', path.join(dir, 'x'));
    expect(bad.err).toMatch(/--normalize must be signed, kinetics, imagenet or MEAN,MEAN,MEAN\/STD,STD,STD/);
  }, 60_000);
});
