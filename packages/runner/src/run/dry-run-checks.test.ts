import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../cli/testing/capture-io';
import { DataMissingError } from './errors';
import { runRecipe } from './run-recipe';
import { tempFolder } from './testing/fixtures';

// What `--dry-run` must catch and say before anything runs.
const root = tempFolder('dry');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function dry(set: string[], out: string) {
  const io = captureIo();
  await runRecipe({ recipe: 'quickstart', out: path.join(root, out), dryRun: true, io, overrides: { set } });
  return io.outText;
}

describe('dry run', () => {
  it('describes the shapes at the size the recipe draws them', async () => {
    const plan = await dry([], 'plan');
    expect(plan).toMatch(/data +shapes — embedded: 10 classes of 16x16 textured shapes/);
    expect(plan).not.toMatch(/32x32/);
  });

  it('refuses data.root for an embedded set instead of ignoring it', async () => {
    await expect(dry(['data.root=datasets/my-shapes'], 'root')).rejects.toThrow(/--set data\.root=datasets\/my-shapes \(command line\): data\.root: shapes is embedded .*remove root/);
  });

  it('refuses a mixing folder with no pictures in it', async () => {
    const folder = path.join(root, 'not-pictures');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'hello\n');
    const run = dry([`arms.1.mixing={source: folder, path: ${folder}}`], 'mixing');
    await expect(run).rejects.toThrow(DataMissingError);
    await expect(dry([`arms.1.mixing={source: folder, path: ${folder}}`], 'mixing')).rejects.toThrow(
      /arm pixmix: its mixing folder .*not-pictures holds no PNG or JPEG pictures \(1 other file\(s\): notes\.txt\)/,
    );
  });

  it('does not suggest generating a -C set into a folder reached with .. out of the workspace', async () => {
    const attempt = dry(['evaluation.corruptions.source=folder', 'evaluation.corruptions.folder=../../../etc'], 'etc');
    await expect(attempt).rejects.toThrow(/evaluation\.corruptions\.folder '\.\.\/\.\.\/\.\.\/etc' climbs out of the workspace .* to \/etc/);
    await expect(dry(['evaluation.corruptions.source=folder', 'evaluation.corruptions.folder=../../../etc'], 'etc')).rejects.toThrow(/--out datasets\/shapes-c/);
    await expect(dry(['evaluation.corruptions.source=folder', 'evaluation.corruptions.folder=../../../etc'], 'etc')).rejects.not.toThrow(/--out \/etc/);
  });
});
