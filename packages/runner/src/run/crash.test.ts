import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './testing/fixtures';
import { logRecords, spawnCli, waitForSteps, writeTinyRecipe } from './testing/cli-child';

// Two real CLI processes on one run folder, and a real SIGKILL.
const root = tempFolder('crash');
const env = { VPIXMIX_CACHE: path.join(root, 'cache') };
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('one process per run folder; a killed run says so', () => {
  it('a second --resume is refused naming the holder; after SIGKILL the report says "stopped unexpectedly" and --resume finishes without duplicate steps', async () => {
    const recipe = writeTinyRecipe(path.join(root, 'recipes'), { checkpointEvery: 4 });
    const out = path.join(root, 'run');
    const log = path.join(out, 'arms', 'baseline', 'seed-0', 'train.jsonl');
    const first = spawnCli(['run', recipe, '--out', out], env);
    await waitForSteps(log, 6, first);

    const second = spawnCli(['run', recipe, '--resume', '--out', out], env);
    const refused = await second.exited;
    expect(refused.code).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`RunLockedError: .* is in use by process ${first.child.pid} `));

    const inProgress = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(inProgress).toMatch(new RegExp(`Status: \\*\\*in progress\\*\\* \\(process ${first.child.pid} on `));
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const check = spawnCli(['run', recipe, '--resume', '--dry-run', '--out', out], env);
    expect((await check.exited).code, check.stderr()).toBe(0);
    expect(check.stdout()).toMatch(/the run stopped unexpectedly \(no clean exit\); resume with: npx vpixmix run tiny --resume --out /);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/Status: \*\*stopped unexpectedly \(no clean exit\)\*\* — resume with `npx vpixmix run tiny --resume --out [^`]+`/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).status).toMatchObject({ state: 'partial', stop: 'unexpected' });

    const resumed = spawnCli(['run', recipe, '--resume', '--out', out], env);
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    expect(resumed.stderr()).toMatch(new RegExp(`previous run .*\\(process ${first.child.pid}, .*stopped unexpectedly \\(no clean exit\\)`));
    const steps = logRecords(log).filter((r) => r.event === 'step').map((r) => r.globalStep);
    expect(steps).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/Status: \*\*complete\*\*/);
  }, 600_000);
});
