import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './lint-source';

describe('ts-node runs the workspace TypeScript', () => {
  it('starts the vpixmix CLI from its sources and lists its commands', () => {
    const bin = path.join(workspaceRoot, 'packages/runner/bin/vpixmix.js');
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Commands:/);
    expect(out).toMatch(/\brun\b/);
    expect(out).toMatch(/\bbench\b/);
  });

  it('runs a TypeScript file that imports a workspace package', () => {
    const script = [
      "require('ts-node').register({ project: 'tsconfig.base.json' });",
      "const { Rng } = require('@vpixmix/augment-core');",
      'process.stdout.write(String(Rng.seeded(1).int(0, 1000)));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], { cwd: workspaceRoot, encoding: 'utf8' });
    expect(Number(out)).toBeGreaterThanOrEqual(0);
  });
});
