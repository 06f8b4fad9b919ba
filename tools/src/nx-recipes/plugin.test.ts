import { createProjectGraphAsync } from '@nx/devkit';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '../checks/lint-source';

interface Target {
  command: string;
  options: { cwd: string };
  cache: boolean;
  metadata: { description: string };
}
type CreateNodesResult = [string, { projects: Record<string, { targets: Record<string, Target> }> }][];
type CreateNodesFn = (files: string[], options: unknown, context: { workspaceRoot: string }) => CreateNodesResult;

const plugin = require(path.join(workspaceRoot, 'tools', 'nx-recipes', 'plugin.js')) as { createNodes: [string, CreateNodesFn] };

describe('nx-recipes plugin', () => {
  it('makes one target per recipe file that runs `vpixmix run <recipe>`, described by the recipe', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'vpixmix-plugin-'));
    mkdirSync(path.join(root, 'experiments'));
    writeFileSync(path.join(root, 'experiments', 'alpha.yaml'), 'description: "the first one"\ndata: { dataset: shapes }\n');
    writeFileSync(path.join(root, 'experiments', 'beta-2.yml'), 'data: { dataset: shapes }\n');
    const [glob, createNodes] = plugin.createNodes;
    expect(glob).toBe('experiments/*.{yaml,yml}');
    const results = createNodes(['experiments/alpha.yaml', 'experiments/beta-2.yml'], {}, { workspaceRoot: root });
    expect(results.map(([file]) => file)).toEqual(['experiments/alpha.yaml', 'experiments/beta-2.yml']);
    expect(results[0][1].projects['experiments'].targets['alpha']).toEqual({
      command: 'vpixmix run alpha',
      options: { cwd: '{workspaceRoot}' },
      cache: false,
      metadata: { description: 'the first one' },
    });
    expect(results[1][1].projects['experiments'].targets['beta-2'].command).toBe('vpixmix run beta-2');
    expect(results[1][1].projects['experiments'].targets['beta-2'].metadata.description).toBe('vpixmix experiment recipe');
  });

  it('gives the experiments project a target for every recipe in experiments/', async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const targets = graph.nodes['experiments'].data.targets ?? {};
    const recipes = readdirSync(path.join(workspaceRoot, 'experiments'))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => f.replace(/\.ya?ml$/, ''));
    expect(recipes).toContain('quickstart');
    expect(recipes).toContain('quickstart-video');
    // Nx normalises a `command` target into the run-commands executor's options.
    for (const recipe of recipes) expect(targets[recipe]?.options?.command, recipe).toBe(`vpixmix run ${recipe}`);
  });
});
