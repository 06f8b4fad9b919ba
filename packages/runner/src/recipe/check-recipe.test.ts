import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentsDir, knownRecipes, loadRecipe } from './load-recipe';

function load(text: string, overrides = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vpixmix-check-'));
  writeFileSync(path.join(dir, 'r.yaml'), text);
  return () => loadRecipe('r', overrides, dir);
}

const base = `data:
  dataset: shapes
model:
  name: wrn-10-1
training:
  epochs: 1
arms:
  - name: a
    augment: { preset: standard }
`;

describe('recipe checks beyond the schema', () => {
  it('every recipe in experiments/ is valid', () => {
    const names = knownRecipes();
    expect(names).toEqual(
      expect.arrayContaining(['quickstart', 'quickstart-video', 'cifar10-baseline', 'cifar10-pixmix', 'cifar10-pixmix-10ep', 'cifar100-pixmix', 'ucf101-baseline', 'ucf101-vpixmix-single', 'ucf101-vpixmix-fractal-zoom', 'ucf101-vpixmix-naive']),
    );
    for (const name of names) expect(() => loadRecipe(name, {}, experimentsDir), name).not.toThrow();
  });

  it('holds the published recipes to the paper and the mission', () => {
    const pixmix = loadRecipe('cifar10-pixmix').recipe;
    expect(pixmix.model.name).toBe('wrn-40-4');
    expect(pixmix.training).toMatchObject({ epochs: 100, batchSize: 128, lr: 0.1, weightDecay: 0.0005, nesterov: true, schedule: 'cosine' });
    expect(pixmix.arms[0].augment).toMatchObject({ preset: 'pixmix', k: 4, beta: 3, allOps: true });
    expect(pixmix.references).toEqual({ mCE: { baseline: 26.4, pixmix: 9.5 }, PGD: { baseline: 91.3, pixmix: 82.1 } });
    for (const name of ['ucf101-baseline', 'ucf101-vpixmix-single', 'ucf101-vpixmix-fractal-zoom', 'ucf101-vpixmix-naive']) {
      const r = loadRecipe(name).recipe;
      expect(r.model.name).toBe('r3d-18');
      expect(r.data.clip).toEqual({ frames: 16, size: 112, stride: 1 });
      expect(r.training).toMatchObject({ epochs: 10, lr: 0.03, schedule: 'cosine' });
      if (name !== 'ucf101-baseline') expect(r.arms[0].augment).toMatchObject({ preset: 'vpixmix', k: 4, beta: 3 });
    }
  });

  it('names a model that does not fit the data', () => {
    expect(load(base.replace('wrn-10-1', 'r3d-tiny'))).toThrow(/r\.yaml:4: model\.name: shapes holds images; use an image model/);
    expect(load(base.replace('wrn-10-1', 'resnet-50'))).toThrow(/model\.name: .*unknown model 'resnet-50'/);
  });

  it('names presets that do not fit the data, missing or stray mixing sources, and options a preset does not read', () => {
    expect(load(base.replace('preset: standard', 'preset: vpixmix, variant: naive'))).toThrow(/arms\[0\]\.augment\.preset: 'vpixmix' augments clips/);
    expect(load(base.replace('preset: standard', 'preset: pixmix'))).toThrow(/arms\[0\]\.augment\.preset: 'pixmix' mixes in pictures: add mixing/);
    expect(load(`${base}    mixing: { source: fractals }\n`)).toThrow(/arms\[0\]\.mixing: only pixmix and vpixmix use a mixing source/);
    expect(load(base.replace('preset: standard', 'preset: standard, k: 3'))).toThrow(/arms\[0\]\.augment\.k: 'standard' has no option k \(it applies to pixmix, vpixmix\)/);
    const video = base.replace('shapes', 'motion').replace('wrn-10-1', 'r3d-tiny');
    expect(load(video.replace('preset: standard', 'preset: vpixmix, variant: fractal-zoom') + '    mixing: { source: fractals }\n')).toThrow(/mixing\.source: variant fractal-zoom .* use source: fractal-zoom/);
    expect(load(video.replace('preset: standard', 'preset: vpixmix'))).toThrow(/preset vpixmix needs variant/);
  });

  it("does not flip motion clips (a mirror swaps left and right), and names a flip: true there", () => {
    const video = base.replace('shapes', 'motion').replace('wrn-10-1', 'r3d-tiny');
    expect(load(video)().recipe.arms[0].augment.flip).toBe(false);
    expect(load(base)().recipe.arms[0].augment.flip).toBe(true);
    expect(load(video.replace('preset: standard', 'preset: standard, flip: true'))).toThrow(/arms\[0\]\.augment\.flip: a mirror changes motion's labels \(left <-> right/);
    expect(load(base.replace('preset: standard', 'preset: standard, flip: false'))().recipe.arms[0].augment.flip).toBe(false);
  });

  it('names unknown corruptions, perturbations and OOD sets', () => {
    const evaluation = `${base}evaluation:\n  corruptions: { names: [fog, smog] }\n  consistency: { names: [wobble] }\n  anomaly: { sets: [gaussian] }\n`;
    expect(load(evaluation)).toThrow(/evaluation\.corruptions\.names\[1\]: unknown corruption 'smog'; known: gaussian_noise/);
    expect(load(evaluation)).toThrow(/evaluation\.consistency\.names\[0\]: unknown perturbation 'wobble'/);
    const cifar = base.replace('shapes', 'cifar10') + 'evaluation:\n  anomaly: { sets: [held-out] }\n';
    expect(load(cifar)).toThrow(/evaluation\.anomaly\.sets\[0\]: only shapes and motion have held-out classes/);
  });

  it('applies --set overrides as YAML values before validating, and names a bad one', () => {
    const { recipe } = load(base, { set: ['model.name=wrn-16-2', 'evaluation.corruptions.names=[fog, snow]', 'arms.0.augment.standardFirst=false'] })();
    expect(recipe.model.name).toBe('wrn-16-2');
    expect(recipe.evaluation.corruptions.names).toEqual(['fog', 'snow']);
    expect(recipe.arms[0].augment.standardFirst).toBe(false);
    expect(load(base, { set: ['model.nam=x'] })).toThrow(/model: Unrecognized key: "nam"/);
    expect(load(base, { set: ['model'] })).toThrow(/--set 'model': write path=value/);
  });
});
