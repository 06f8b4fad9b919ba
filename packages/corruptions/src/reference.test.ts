import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '@vpixmix/augment-core';
import { getPerturbation } from './perturbations/registry';
import { corruptImage } from './registry';
import { goldenImage } from './test-images';

interface CorruptionCase {
  corruption: string;
  severity: number;
  image: string;
  sha256: string;
}
interface PerturbationCase {
  perturbation: string;
  image: string;
  frames: number;
  sha256: string;
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, 'reference-outputs.json'), 'utf8')) as {
  corruptions: CorruptionCase[];
  perturbations: PerturbationCase[];
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The reference outputs were computed by make_cifar_c.py / make_cifar_p.py's own algorithms
// (numpy, scipy, scikit-image, OpenCV, ImageMagick, Pillow, torch) with our random draws fed
// in; see README.md. Equal hashes mean equal bytes.
describe('corruptions match make_cifar_c.py bit for bit', () => {
  it('covers every corruption but frost (procedural pictures) and the two whose sampling differs', () => {
    const names = new Set(fixture.corruptions.map((c) => c.corruption));
    expect(names.size).toBe(16);
    expect(['frost', 'shot_noise', 'impulse_noise'].filter((n) => names.has(n))).toEqual([]);
  });

  it.each(fixture.corruptions.map((c) => [`${c.corruption} ${c.severity} ${c.image}`, c] as const))('%s', (_label, c) => {
    const out = corruptImage(goldenImage(c.image), c.corruption, c.severity, Rng.seeded('reference', c.corruption, c.severity, c.image));
    expect(sha256(out.image.data)).toBe(c.sha256);
  });
});

describe('perturbation sequences match make_cifar_p.py bit for bit', () => {
  it.each(fixture.perturbations.map((p) => [`${p.perturbation} ${p.image}`, p] as const))('%s', (_label, p) => {
    const clip = getPerturbation(p.perturbation).sequence(goldenImage(p.image), Rng.seeded('reference', p.perturbation, p.image));
    expect(clip.frames).toBe(p.frames);
    expect(sha256(clip.data)).toBe(p.sha256);
  });
});
