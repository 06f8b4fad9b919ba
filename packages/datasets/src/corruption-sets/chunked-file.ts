import type { NpyTypedArray } from '../npy/dtype';
import { NpyWriter } from '../npy/write';
import { mapInOrder } from './ordered';

/**
 * Writes one uint8 .npy file of `shape` from chunks computed by `work` (at most `concurrency`
 * at a time) and appended in task order. The file appears only when complete; on failure the
 * partial file is removed.
 */
export async function writeChunkedNpy<T extends { n: number }>(
  file: string,
  shape: readonly number[],
  tasks: readonly T[],
  concurrency: number,
  work: (task: T) => Promise<NpyTypedArray>,
  onChunk: (n: number) => void,
): Promise<void> {
  const writer = new NpyWriter(file, 'uint8', shape);
  try {
    await mapInOrder(tasks, concurrency, work, (result, task) => {
      writer.write(result);
      onChunk(task.n);
    });
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
}
