import { parentPort, workerData } from 'node:worker_threads';
import { itemMaker, type ItemRecipe } from '../cache/item-maker';

/** Makes the items `indices` of the set in `workerData.recipe`, posting each as soon as it is made. */
if (!parentPort) throw new Error('parallel/item-worker.ts runs inside a worker thread (started by makeItemsInParallel)');
const port = parentPort;
const { recipe, indices } = workerData as { recipe: ItemRecipe; indices: number[] };
try {
  const make = itemMaker(recipe);
  for (const index of indices) {
    const { image, params } = make(index);
    port.postMessage({ index, width: image.width, height: image.height, data: image.data, params }, [image.data.buffer as ArrayBuffer]);
  }
  port.postMessage({ done: true });
} catch (error) {
  const e = error as Error;
  port.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } });
}
