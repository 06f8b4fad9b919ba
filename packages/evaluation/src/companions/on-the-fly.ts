import { type Clip, type Image, createClip, createImage } from '@vpixmix/augment-core';
import { getPerturbation } from '@vpixmix/corruptions';
import type { AnyDataset, ClipDataset, ImageDataset, Sample } from '@vpixmix/datasets';
import { corruptSample, corruptionStream, perturbSample, perturbationStream } from './generate-companions';

/**
 * Corruption `name` at `severity` of every item of `items`, computed when an item is read,
 * from the same streams a generated -C folder uses: the same bytes for every arm, no disk.
 * For sets too large to keep (UCF101 clips).
 */
export function corruptedView(items: AnyDataset, name: string, severity: number, seed: number | string): AnyDataset {
  const base = { name: `${items.name}/${name}/${severity}`, length: items.length, numClasses: items.numClasses, classNames: items.classNames, width: items.width, height: items.height };
  if (items.kind === 'image') {
    const view: ImageDataset = {
      ...base,
      kind: 'image',
      item(index) {
        const { image, label } = items.item(index);
        return { image: createImage(image.width, image.height, corruptSample(image, name, severity, corruptionStream(seed, name, severity, index))), label };
      },
      label: (index) => items.label(index),
    };
    return view;
  }
  const view: ClipDataset = {
    ...base,
    kind: 'clip',
    frames: items.frames,
    async item(index) {
      const { clip, label } = await items.item(index);
      return { clip: createClip(clip.frames, clip.width, clip.height, corruptSample(clip, name, severity, corruptionStream(seed, name, severity, index))), label };
    },
    label: (index) => items.label(index),
  };
  return view;
}

/** The -P sequence of item `index` under perturbation `name`, computed now from its stream. */
export async function perturbedSequence(items: AnyDataset, name: string, index: number, seed: number | string): Promise<{ steps: Sample[]; label: number }> {
  const item = items.kind === 'image' ? items.item(index) : await items.item(index);
  const sample: Image | Clip = 'image' in item ? item.image : item.clip;
  const { steps, data } = perturbSample(sample, name, perturbationStream(seed, name, index));
  const size = data.length / steps;
  const out: Sample[] = Array.from({ length: steps }, (_, s) => {
    const part = data.subarray(s * size, (s + 1) * size);
    const frames = (sample as Clip).frames;
    return frames !== undefined ? createClip(frames, sample.width, sample.height, part) : createImage(sample.width, sample.height, part);
  });
  return { steps: out, label: item.label };
}

/** Steps of perturbation `name`'s sequences (the published lengths). */
export function perturbationSteps(name: string): number {
  return getPerturbation(name).frames;
}

/** Bytes of one item of `items` (uint8). */
export function itemBytes(items: AnyDataset): number {
  return items.width * items.height * 3 * (items.kind === 'clip' ? items.frames : 1);
}
