import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { probeDawnAdapter, type WebGpuAdapter } from '@vpixmix/tf-backend';
import { afterAll, describe, expect, it } from 'vitest';
import { axisNames } from '../recipe/schema';

// Every recipe end to end on WebGPU: the quickstart recipes through the CLI with
// --backend webgpu, cut down to a few items and one epoch. Without a GPU this runs on a
// software adapter (Mesa's llvmpipe, `apt-get install -t bookworm-backports
// mesa-vulkan-drivers`), which is slow: hence the tiny sizes. Where Dawn finds no adapter
// at all the tests skip, printing why.

const run = promisify(execFile);
const cli = path.resolve(__dirname, '../../bin/vpixmix.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-webgpu-recipes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// Dawn (Mesa's Vulkan loader) wants a private XDG_RUNTIME_DIR; the probe and the CLI inherit it.
const env: NodeJS.ProcessEnv = { ...process.env, VPIXMIX_CACHE: path.join(root, 'cache') };
delete env['VPIXMIX_BACKEND'];
if (!env['XDG_RUNTIME_DIR']) {
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-xdg-'));
  fs.chmodSync(xdg, 0o700);
  env['XDG_RUNTIME_DIR'] = xdg;
  process.env['XDG_RUNTIME_DIR'] = xdg;
}

let adapter: WebGpuAdapter | undefined;
let reason = '';
try {
  adapter = probeDawnAdapter();
} catch (error) {
  reason = (error as Error).message;
}
if (!adapter) {
  console.log(`SKIP webgpu recipe tests: no WebGPU adapter (${reason}); install Mesa's Vulkan drivers for a software one (README, WebGPU)`);
}

// Shared cuts: one corruption, one perturbation, a 1-step attack, a few items per axis.
const evaluationCuts = [
  'evaluation.batchSize=8',
  'evaluation.corruptions.names=[gaussian_noise]',
  'evaluation.corruptions.severities=[1]',
  'evaluation.consistency.names=[brightness]',
  'evaluation.consistency.limit=2',
  'evaluation.adversaries.steps=1',
  'evaluation.adversaries.limit=4',
  'evaluation.anomaly.sets=[gaussian]',
  'evaluation.anomaly.limit=4',
];
const cases: { recipe: string; set: string[] }[] = [
  { recipe: 'quickstart', set: ['training.batchSize=4', 'arms.1.mixing.count=4', ...evaluationCuts] },
  {
    recipe: 'quickstart-video',
    set: ['training.batchSize=4', 'arms.1.mixing.count=2', 'arms.2.mixing.count=2', 'arms.3.mixing.count=2', ...evaluationCuts],
  },
];

describe.skipIf(!adapter)(`every recipe finishes on --backend webgpu (${adapter?.description ?? 'no adapter'})`, () => {
  for (const { recipe, set } of cases) {
    it(`${recipe}: --epochs 1 --limit 8 trains every arm and reports every axis`, async () => {
      const out = path.join(root, recipe);
      const args = [cli, 'run', recipe, '--backend', 'webgpu', '--epochs', '1', '--limit', '8', '--out', out, ...set.flatMap((s) => ['--set', s])];
      let stderr = '';
      try {
        ({ stderr } = await run(process.execPath, args, { env, maxBuffer: 64 << 20 }));
      } catch (error) {
        const failed = error as { stderr?: string; message: string };
        throw new Error(`vpixmix run ${recipe} --backend webgpu failed: ${failed.message}\n${(failed.stderr ?? '').slice(-4000)}`);
      }
      expect(stderr).toMatch(/backend: webgpu \(/);
      expect(stderr).not.toMatch(/OffscreenCanvas/);
      const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
        status: { state: string };
        backend: string;
        arms: { name: string; headline: Record<string, number> }[];
        results: Record<string, unknown>[];
      };
      expect(results.status.state).toBe('complete');
      expect(results.backend).toMatch(/^webgpu /);
      const plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')) as { recipe: { arms: unknown[] } };
      expect(results.results).toHaveLength(plan.recipe.arms.length);
      for (const unit of results.results) {
        for (const axis of axisNames) expect(unit[axis], `${String(unit['arm'])}: ${axis}`).toBeDefined();
      }
      for (const arm of results.arms) expect(Object.keys(arm.headline), arm.name).toHaveLength(6);
      expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/backend webgpu/);
    }, 900_000);
  }
});
