import { createProjectGraphAsync } from '@nx/devkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintSource } from './lint-source';

// DESIGN.md's arrows, checked by running the workspace's ESLint on sources placed in each package.
const boundaryRule = '@nx/enforce-module-boundaries';

function rules(findings: { rule: string | null }[]): (string | null)[] {
  return findings.map((f) => f.rule);
}

describe('module boundaries', () => {
  beforeAll(async () => {
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  it('rejects TensorFlow in augment-core and metrics', async () => {
    const code = "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n";
    expect(rules(await lintSource('packages/augment-core/src/fixture.ts', code))).toContain(boundaryRule);
    expect(rules(await lintSource('packages/metrics/src/fixture.ts', code))).toContain(boundaryRule);
    expect(rules(await lintSource('packages/models/src/fixture.ts', code))).not.toContain(boundaryRule);
  });

  it('rejects imports against the arrows', async () => {
    const intoModels = "import * as models from '@vpixmix/models';\nexport const m = models;\n";
    expect(rules(await lintSource('packages/augment-core/src/fixture.ts', intoModels))).toContain(boundaryRule);
    expect(rules(await lintSource('packages/attacks/src/fixture.ts', intoModels))).toContain(boundaryRule);
    const intoDatasets = "import * as datasets from '@vpixmix/datasets';\nexport const d = datasets;\n";
    expect(rules(await lintSource('packages/video-io/src/fixture.ts', intoDatasets))).toContain(boundaryRule);
  });

  it('allows imports along the arrows', async () => {
    const intoCore = "import { Rng } from '@vpixmix/augment-core';\nexport const r = Rng;\n";
    expect(await lintSource('packages/video-io/src/fixture.ts', intoCore)).toEqual([]);
    expect(await lintSource('packages/runner/src/fixture.ts', intoCore)).toEqual([]);
  });

  it('rejects deep imports into another package and relative paths across packages', async () => {
    const deep = "import { Rng } from '@vpixmix/augment-core/src/rng';\nexport const r = Rng;\n";
    expect(rules(await lintSource('packages/mixing-sets/src/fixture.ts', deep))).toContain('no-restricted-imports');
    const relative = "import { Rng } from '../../augment-core/src/rng';\nexport const r = Rng;\n";
    expect(rules(await lintSource('packages/mixing-sets/src/fixture.ts', relative))).toContain(boundaryRule);
  });

  it('rejects synchronous tensor reads in package sources, not in tests or test helpers', async () => {
    const code = "import * as tf from '@tensorflow/tfjs-core';\nexport const v = tf.scalar(1).dataSync()[0] + Number(tf.scalar(2).arraySync());\n";
    const findings = await lintSource('packages/models/src/fixture.ts', code);
    expect(findings.filter((f) => f.rule === 'no-restricted-properties')).toHaveLength(2);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/OffscreenCanvas.*async data\(\)/);
    expect(rules(await lintSource('tools/src/fixture.ts', code))).toContain('no-restricted-properties');
    expect(rules(await lintSource('packages/models/src/fixture.test.ts', code))).not.toContain('no-restricted-properties');
    expect(rules(await lintSource('packages/models/src/testing/fixture.ts', code))).not.toContain('no-restricted-properties');
  });
});
