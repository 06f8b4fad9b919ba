import { createProjectGraphAsync } from '@nx/devkit';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './lint-source';

interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}

describe('project graph', () => {
  it('has only the edges DESIGN.md allows', async () => {
    const config = (await import(pathToFileURL(path.join(workspaceRoot, 'eslint.config.mjs')).href)) as {
      depConstraints: DepConstraint[];
    };
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const tagsOf = (name: string) => graph.nodes[name]?.data.tags ?? [];
    const forbidden: string[] = [];
    for (const [source, edges] of Object.entries(graph.dependencies)) {
      if (!graph.nodes[source]) continue;
      const constraint = config.depConstraints.find((c) => tagsOf(source).includes(c.sourceTag));
      expect(constraint, `${source} has no scope tag`).toBeDefined();
      for (const edge of edges) {
        if (!graph.nodes[edge.target]) continue; // npm packages are checked by lint
        const allowed = tagsOf(edge.target).some((tag) => constraint?.onlyDependOnLibsWithTags.includes(tag));
        if (!allowed) forbidden.push(`${source} -> ${edge.target}`);
      }
    }
    expect(forbidden).toEqual([]);
    const names = Object.keys(graph.nodes);
    for (const name of ['augment-core', 'corruptions', 'mixing-sets', 'video-io', 'datasets', 'tf-backend', 'models', 'attacks', 'metrics', 'evaluation', 'runner']) {
      expect(names).toContain(`@vpixmix/${name}`);
    }
    expect(names).toContain('experiments');
    // The evaluation reshape: corruptions stand on augment-core alone; evaluation is a library the runner uses.
    const targets = (source: string) => (graph.dependencies[`@vpixmix/${source}`] ?? []).map((e) => e.target).filter((t) => graph.nodes[t]).sort();
    expect(targets('corruptions')).toEqual(['@vpixmix/augment-core']);
    expect(targets('evaluation')).toEqual(['@vpixmix/attacks', '@vpixmix/augment-core', '@vpixmix/corruptions', '@vpixmix/datasets', '@vpixmix/metrics']);
    expect(targets('runner')).toContain('@vpixmix/evaluation');
    expect(targets('augment-core')).toEqual([]);
  });
});
