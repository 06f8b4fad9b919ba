import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors';
import { readTensorFile, writeTensorFile } from './tensor-file';

describe('tensor files (safetensors)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-tensors-'));

  it('round-trip tensors and metadata, in the safetensors layout, leaving no temporary file', () => {
    const file = path.join(dir, 'a.safetensors');
    const tensors = new Map([
      ['conv/kernel', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
      ['scalar', { shape: [], data: Float32Array.from([-0.5]) }],
    ]);
    writeTensorFile(file, tensors, { note: 'hi' });
    const back = readTensorFile(file);
    expect(back.metadata).toEqual({ note: 'hi' });
    expect(back.tensors.get('conv/kernel')).toEqual(tensors.get('conv/kernel'));
    expect(back.tensors.get('scalar')).toEqual(tensors.get('scalar'));
    const bytes = fs.readFileSync(file);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString());
    expect(header['conv/kernel']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(bytes.length).toBe(8 + headerLength + 28);
    expect(fs.readdirSync(dir)).toEqual(['a.safetensors']);
  });

  it('reports a truncated or foreign file as a CheckpointError naming it', () => {
    const file = path.join(dir, 'b.safetensors');
    writeTensorFile(file, new Map([['x', { shape: [100], data: new Float32Array(100) }]]));
    fs.truncateSync(file, fs.statSync(file).size - 10);
    expect(() => readTensorFile(file)).toThrow(CheckpointError);
    expect(() => readTensorFile(file)).toThrow(/b\.safetensors: tensor 'x' does not fit the file/);
    fs.writeFileSync(file, 'hello world, not tensors');
    expect(() => readTensorFile(file)).toThrow(/header/);
    expect(() => readTensorFile(path.join(dir, 'missing'))).toThrow(/cannot read it/);
  });
});
