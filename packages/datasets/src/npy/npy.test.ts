import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetMissingError, NpyFormatError } from '../errors';
import type { NpyTypedArray } from './dtype';
import { encodeNpyHeader } from './header';
import { NpyFile, readNpy, readNpyHeader, readNpyLabels } from './read';
import { NpyWriter, writeNpy } from './write';

// Files written by numpy 1.24's np.save / np.lib.format.write_array, base64-encoded.
const numpyFiles = {
  // np.arange(6, dtype='<f4').reshape(2, 3) / 4
  float32: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAACAPgAAAD8AAEA/AACAPwAAoD8=',
  // np.array([1, -2, 300, 70000], dtype='>i4')
  bigEndianInt32:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnPmk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAB/////gAAASwAARFw',
  // np.array([3, 1, 4, 1, 5], dtype=np.int64)
  int64: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDUsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoDAAAAAAAAAAEAAAAAAAAABAAAAAAAAAABAAAAAAAAAAUAAAAAAAAA',
  // np.arange(24, dtype=np.uint8).reshape(2, 2, 2, 3), version (2, 0)
  uint8Version2:
    'k05VTVBZAgB0AAAAeydkZXNjcic6ICd8dTEnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiwgMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhc=',
  // np.arange(3, dtype=np.uint8), version (3, 0)
  uint8Version3:
    'k05VTVBZAwB0AAAAeydkZXNjcic6ICd8dTEnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAQI=',
  // np.asfortranarray(np.arange(4, dtype=np.float64).reshape(2, 2))
  fortran:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAABAAAAAAAAA8D8AAAAAAAAIQA==',
  // np.array([0.5, 2.0, 7.0])
  float64: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADgPwAAAAAAAABAAAAAAAAAHEA=',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npy-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Elements as plain numbers (int64 ones included). */
function values(array: NpyTypedArray): number[] {
  return Array.from(array as ArrayLike<number | bigint>, Number);
}

function numpyFile(name: keyof typeof numpyFiles): string {
  const file = path.join(dir, `${name}.npy`);
  fs.writeFileSync(file, Buffer.from(numpyFiles[name], 'base64'));
  return file;
}

describe('.npy reading', () => {
  it('reads numpy-written files of every header version exactly', () => {
    const f = readNpy(numpyFile('float32'), { dtype: 'float32', shape: [2, 3] });
    expect(f.shape).toEqual([2, 3]);
    expect(values(f.data)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    const v2 = readNpy(numpyFile('uint8Version2'), { dtype: 'uint8', shape: [null, 2, 2, 3] });
    expect(v2.shape).toEqual([2, 2, 2, 3]);
    expect(values(v2.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(readNpyHeader(numpyFile('uint8Version3')).version).toBe(3);
    expect(values(readNpy(numpyFile('uint8Version3')).data)).toEqual([0, 1, 2]);
  });

  it('swaps big-endian elements and reads int64 labels', () => {
    expect(values(readNpy(numpyFile('bigEndianInt32')).data)).toEqual([1, -2, 300, 70000]);
    expect(Array.from(readNpyLabels(numpyFile('int64'), { length: 5, numClasses: 10 }))).toEqual([3, 1, 4, 1, 5]);
    const floats = path.join(dir, 'float-labels.npy');
    writeNpy(floats, { shape: [2], data: Float32Array.from([2, 7]) });
    expect(Array.from(readNpyLabels(floats))).toEqual([2, 7]);
  });

  it('rejects labels that are not whole numbers in range', () => {
    expect(() => readNpyLabels(numpyFile('float64'))).toThrow(/whole numbers.*0.5 at index 0/);
    expect(() => readNpyLabels(numpyFile('int64'), { numClasses: 4 })).toThrow(/in \[0, 3\].*found 4 at index 2/);
    expect(() => readNpyLabels(numpyFile('int64'), { length: 6 })).toThrow(NpyFormatError);
  });

  it('names the path and the expected layout on wrong dtype, shape, order and size', () => {
    const file = numpyFile('float32');
    expect(() => readNpy(file, { dtype: 'uint8' })).toThrow(`${file}: expected uint8, C order, found dtype float32 ('<f4')`);
    expect(() => readNpy(file, { shape: [null, 32, 32, 3], layout: 'uint8 (N, 32, 32, 3) images' })).toThrow(
      `${file}: expected uint8 (N, 32, 32, 3) images, found shape (2, 3).`,
    );
    expect(() => readNpy(numpyFile('fortran'))).toThrow(/Fortran order.*ascontiguousarray/);
    const truncated = path.join(dir, 'truncated.npy');
    fs.writeFileSync(truncated, Buffer.from(numpyFiles.float32, 'base64').subarray(0, 140));
    expect(() => readNpy(truncated)).toThrow(/152 bytes \(128 header \+ 24 data.*140 bytes: the file is truncated/);
    const notNpy = path.join(dir, 'image.png');
    fs.writeFileSync(notNpy, Buffer.from('\x89PNG\r\n\x1a\n0000000000'));
    expect(() => readNpy(notNpy)).toThrow(NpyFormatError);
    expect(() => readNpy(notNpy)).toThrow(/no \\x93NUMPY magic/);
  });

  it('says a missing file is missing, with the layout it should have', () => {
    const file = path.join(dir, 'nope.npy');
    expect(() => readNpy(file, { layout: 'uint8 (50000, 32, 32, 3)' })).toThrow(DatasetMissingError);
    expect(() => readNpy(file, { layout: 'uint8 (50000, 32, 32, 3)' })).toThrow(`${file}: not found; expected a .npy file holding uint8 (50000, 32, 32, 3).`);
  });
});

describe('.npy writing', () => {
  it('writes the header byte for byte as numpy does', () => {
    for (const name of ['float32', 'int64', 'float64'] as const) {
      const original = Buffer.from(numpyFiles[name], 'base64');
      const { dtype, shape } = readNpyHeader(numpyFile(name));
      expect(encodeNpyHeader(dtype, shape).toString('latin1')).toBe(original.subarray(0, 128).toString('latin1'));
    }
  });

  it('round-trips every dtype', () => {
    const cases = [
      new Uint8Array([0, 255, 7]),
      new Int8Array([-128, 5]),
      new Int16Array([-3, 3000]),
      new Uint32Array([4e9]),
      new BigInt64Array([-5n, 1n << 40n]),
      new Float32Array([0.1, -2.5]),
      new Float64Array([Math.PI]),
    ];
    for (const data of cases) {
      const file = path.join(dir, `rt-${data.constructor.name}.npy`);
      writeNpy(file, { shape: [data.length], data });
      const back = readNpy(file);
      expect(back.data.constructor).toBe(data.constructor);
      expect(values(back.data)).toEqual(values(data));
    }
    const file = path.join(dir, 'same-as-numpy.npy');
    writeNpy(file, { shape: [2, 3], data: Float32Array.from([0, 0.25, 0.5, 0.75, 1, 1.25]) });
    expect(fs.readFileSync(file).toString('base64')).toBe(numpyFiles.float32);
  });

  it('streams rows and refuses to finish an incomplete file', () => {
    const file = path.join(dir, 'streamed.npy');
    const writer = new NpyWriter(file, 'uint8', [4, 2, 3]);
    writer.write(new Uint8Array(6).fill(1));
    writer.write(new Uint8Array(12).fill(2));
    expect(() => writer.write(new Uint8Array(12))).toThrow(/holds 24 elements/);
    writer.write(new Uint8Array(6).fill(3));
    writer.close();
    const back = NpyFile.open(file, { dtype: 'uint8', shape: [null, 2, 3] });
    expect(back.rows).toBe(4);
    expect(values(back.readRows(3, 1))).toEqual([3, 3, 3, 3, 3, 3]);
    expect(values(back.readRows(1, 2))).toEqual(new Array(12).fill(2));
    back.close();

    const incomplete = path.join(dir, 'incomplete.npy');
    const partial = new NpyWriter(incomplete, 'uint8', [2, 3]);
    partial.write(new Uint8Array(3));
    expect(() => partial.close()).toThrow(/3 of 6 elements written/);
    expect(fs.existsSync(incomplete)).toBe(false);
    expect(fs.existsSync(`${incomplete}.partial`)).toBe(true);
  });

  it('reads rows of a big file in blocks without loading it whole', () => {
    const rows = 3000;
    const data = new Uint8Array(rows * 3072);
    for (let r = 0; r < rows; r++) data.fill(r % 251, r * 3072, (r + 1) * 3072);
    const file = path.join(dir, 'big.npy');
    writeNpy(file, { shape: [rows, 32, 32, 3], data });
    const npy = NpyFile.open(file, { dtype: 'uint8', shape: [null, 32, 32, 3] });
    for (const r of [0, 1, 1364, 1365, 2999, 7]) expect(npy.readRows(r, 1)[100]).toBe(r % 251);
    const many = npy.readRows(10, 2000);
    expect(many.length).toBe(2000 * 3072);
    expect(many[1999 * 3072]).toBe(2009 % 251);
    npy.close();
  });
});
