import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AugmentArgumentError } from '../errors';
import { WorkerPool } from './worker-pool';

const module = path.join(__dirname, '..', 'testing', 'echo-worker.ts');

describe('WorkerPool', () => {
  it('runs tasks on its threads, moves buffers both ways and keeps each answer with its task', async () => {
    const pool = new WorkerPool({ size: 2, module, name: 'vpixmix-test', label: 'echo' });
    try {
      const inputs = Array.from({ length: 6 }, (_, i) => Float32Array.from([i, i + 0.5]));
      const sent = inputs.map((values) => values.slice());
      const results = await Promise.all(sent.map((values, i) => pool.run<Float32Array>({ op: 'double', values }, [values.buffer], i % 3 === 0 ? 1 : undefined)));
      expect(results.map((r) => [...r])).toEqual(inputs.map((v) => [...v].map((x) => 2 * x)));
      expect(sent[0].length).toBe(0); // moved, not copied
      // A worker's typed error comes back typed, with its message; the pool keeps working.
      const error = await pool.run({ op: 'throw' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AugmentArgumentError);
      expect((error as Error).message).toMatch(/values: are not welcome here/);
      expect([...(await pool.run<Float32Array>({ op: 'double', values: Float32Array.of(4) }))]).toEqual([8]);
    } finally {
      await pool.close();
    }
    await expect(pool.run({ op: 'double', values: Float32Array.of(1) })).rejects.toThrow('the echo pool is closed');
  }, 60_000);

  it('fails the tasks of a crashed worker, and every later call, saying which pool', async () => {
    const pool = new WorkerPool({ size: 1, module, name: 'vpixmix-test', label: 'echo' });
    try {
      await expect(pool.run({ op: 'exit' })).rejects.toThrow('an echo worker failed: echo worker 0 exited with code 3');
      await expect(pool.run({ op: 'double', values: Float32Array.of(1) })).rejects.toThrow(/an echo worker failed/);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses a size that is not a whole number of threads', () => {
    expect(() => new WorkerPool({ size: 0, module, name: 'x', label: 'echo' })).toThrow(/workers: must be an integer >= 1, got 0/);
  });
});
