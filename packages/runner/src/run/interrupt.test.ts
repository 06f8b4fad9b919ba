import fs from 'node:fs';
import path from 'node:path';
import { readCheckpoint } from '@vpixmix/models';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './testing/fixtures';
import { logRecords, spawnCli, waitForSteps, writeTinyRecipe } from './testing/cli-child';

// The real CLI in a child process, a real SIGINT mid-epoch (32 steps per epoch).
const root = tempFolder('interrupt');
const env = { VPIXMIX_CACHE: path.join(root, 'cache') };
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const unitDir = (out: string) => path.join(out, 'arms', 'baseline', 'seed-0');

describe('Ctrl-C during a run', () => {
  it('stops within one step, writes a checkpoint and a partial report, exits 130; --resume finishes the run', async () => {
    const recipe = writeTinyRecipe(path.join(root, 'recipes'));
    const out = path.join(root, 'stopped');
    const log = path.join(unitDir(out), 'train.jsonl');
    const run = spawnCli(['run', recipe, '--out', out], env);
    const seen = await waitForSteps(log, 3, run);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const { code, at } = await run.exited;
    const records = logRecords(log);
    const steps = records.filter((r) => r.event === 'step');
    const found = records.find((r) => r.event === 'stop');
    if (!found) throw new Error(`no stop record in the training log:\n${run.stderr()}`);
    const stop = found;
    const stepMs = (Date.parse(steps[steps.length - 1].time) - Date.parse(steps[0].time)) / Math.max(1, steps.length - 1);
    console.log(`SIGINT after ${seen} steps; stopped at step ${stop.globalStep}; signal -> exit ${at - sentAt} ms; step ${stepMs.toFixed(0)} ms`);
    expect(code, run.stderr()).toBe(130);
    // The step running when the signal came, and at most one more that was logged between our read and the kill.
    expect(stop.globalStep).toBeLessThanOrEqual(seen + 2);
    expect(stop.epoch).toBe(0);
    expect(readCheckpoint(path.join(unitDir(out), 'checkpoint.safetensors')).position.globalStep).toBe(stop.globalStep);
    const report = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toMatch(new RegExp(`stopped by you\\*\\* at epoch 1/2 step ${stop.batch}/32 of baseline \\(seed 0\\) — resume with \`npx vpixmix run tiny --resume --out `));
    expect(run.stderr()).toMatch(/SIGINT: stopping after the current step/);
    expect(run.stderr()).toMatch(/Resume with: npx vpixmix run tiny --resume --out/);
    expect(fs.existsSync(path.join(out, 'run.lock'))).toBe(false);

    const resumed = spawnCli(['run', recipe, '--resume', '--out', out], env);
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const after = logRecords(log);
    expect(after.filter((r) => r.event === 'resume')).toHaveLength(1);
    expect(after.filter((r) => r.event === 'step').map((r) => r.globalStep)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/Status: \*\*complete\*\*/);
  }, 600_000);

  it('a second Ctrl-C quits at once with status 130, leaving the last checkpoint intact', async () => {
    const recipe = writeTinyRecipe(path.join(root, 'recipes2'), { checkpointEvery: 2 });
    const out = path.join(root, 'twice');
    const log = path.join(unitDir(out), 'train.jsonl');
    const run = spawnCli(['run', recipe, '--out', out], env);
    await waitForSteps(log, 5, run);
    run.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const secondAt = Date.now();
    run.child.kill('SIGINT');
    const { code, at } = await run.exited;
    console.log(`second SIGINT -> exit ${at - secondAt} ms`);
    expect(code, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(/SIGINT again: quitting now/);
    const checkpoint = readCheckpoint(path.join(unitDir(out), 'checkpoint.safetensors'));
    expect(checkpoint.position.globalStep % 2).toBe(0);
    expect(checkpoint.position.globalStep).toBeGreaterThanOrEqual(4);
    expect(fs.readdirSync(unitDir(out)).filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 600_000);
});
