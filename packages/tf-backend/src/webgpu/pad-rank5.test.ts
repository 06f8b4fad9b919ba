import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { padRank5 } from './pad-rank5';

describe('padRank5 (the WebGPU rank-5 pad workaround, run here on the cpu backend)', () => {
  it('equals a direct rank-5 pad, on every axis, and frees its intermediates', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor(Array.from({ length: 2 * 3 * 4 * 2 * 3 }, (_, i) => i), [2, 3, 4, 2, 3]);
    const paddings: [number, number][] = [[1, 0], [1, 2], [0, 1], [2, 1], [0, 1]];
    const expected = tf.pad(x, paddings, 7);
    const stock = tf.getKernel(tf.PadV2, 'cpu')?.kernelFunc;
    if (!stock) throw new Error('the cpu backend has no PadV2');
    const backend = tf.backend();
    const before = backend.numDataIds();
    const info = padRank5({ inputs: { x }, backend, attrs: { paddings, constantValue: 7 } as unknown as tf.NamedAttrMap }, stock);
    const out = tf.engine().makeTensorFromTensorInfo(info);
    expect(out.shape).toEqual(expected.shape);
    expect(Array.from(out.dataSync())).toEqual(Array.from(expected.dataSync()));
    out.dispose();
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, expected]);
  });
});
