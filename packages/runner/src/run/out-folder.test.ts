import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../cli/testing/capture-io';
import { ResumeError } from './errors';
import { OutFolderError } from './out-folder';
import { runRecipe } from './run-recipe';
import { tempFolder } from './testing/fixtures';

const root = tempFolder('out');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const dry = (out: string, extra: { force?: boolean; resume?: boolean; recipe?: string } = {}) =>
  runRecipe({ recipe: extra.recipe ?? 'quickstart', out, dryRun: true, io: captureIo(), force: extra.force, resume: extra.resume });

describe('--out', () => {
  it('refuses a non-empty folder that holds no run, naming what is there; --force writes into it', async () => {
    const dir = path.join(root, 'papers');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'report.md'), 'my own notes\n');
    await expect(dry(dir)).rejects.toThrow(OutFolderError);
    await expect(dry(dir)).rejects.toThrow(/is not empty and is not a vpixmix run \(it holds report\.md\).*--force/);
    await expect(dry(dir, { force: true })).resolves.toMatchObject({ dryRun: true });
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('my own notes\n');
  });

  it('accepts a new or empty folder', async () => {
    fs.mkdirSync(path.join(root, 'empty'));
    await expect(dry(path.join(root, 'empty'))).resolves.toMatchObject({ dryRun: true });
    await expect(dry(path.join(root, 'new', 'deeper'))).resolves.toMatchObject({ dryRun: true });
  });

  it("refuses another recipe's run even with --force, and --resume of it under this recipe's name", async () => {
    const dir = path.join(root, 'other-run');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ format: 'vpixmix-run', version: 1, recipeName: 'cifar10-pixmix', recipe: {}, overrides: {} }));
    await expect(dry(dir, { force: true })).rejects.toThrow(/holds a run of 'cifar10-pixmix', not 'quickstart'/);
    await expect(dry(dir, { resume: true })).rejects.toThrow(ResumeError);
    await expect(dry(dir, { resume: true })).rejects.toThrow(/holds a run of 'cifar10-pixmix', not 'quickstart'/);
  });

  it("refuses this recipe's own run without --resume", async () => {
    const dir = path.join(root, 'own-run');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ format: 'vpixmix-run', version: 1, recipeName: 'quickstart' }));
    await expect(dry(dir)).rejects.toThrow(/already holds a run of 'quickstart' \(plan\.json\); add --resume/);
  });
});
