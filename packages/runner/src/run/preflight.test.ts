import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../recipe/load-recipe';
import { DataMissingError } from './errors';
import { checkRunInputs } from './preflight';
import { tempFolder, withEnv } from './testing/fixtures';

describe('checkRunInputs', () => {
  it('names `datasets download` as the fix for every missing set, and for a missing PixMix mixing folder', async () => {
    const empty = tempFolder('preflight');
    const mixing = path.join(empty, 'pixmix-mixing', 'fractals_and_fvis');
    const { recipe } = loadRecipe('cifar10-pixmix', { set: [`arms.0.mixing={source: folder, path: ${mixing}}`] });
    const error = await withEnv({ VPIXMIX_DATASETS: empty }, async () => {
      try {
        checkRunInputs('cifar10-pixmix', recipe);
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(DataMissingError);
    const message = (error as Error).message;
    for (const name of ['cifar10', 'cifar10-c', 'cifar10-p']) expect(message).toContain(`> Fetch it: npx vpixmix datasets download ${name} `);
    expect(message).toContain(`arm pixmix: its mixing folder ${mixing} does not exist (paths are relative to the workspace root); 'npx vpixmix datasets download pixmix-mixing' fetches the official PixMix mixing set`);
  });
});
