import {
  type Clip,
  type ClipU8,
  type Image,
  type ImageU8,
  type MixingSource,
  type Rng,
  applyCutmix,
  applyMixup,
  applyStandard,
  applyVideomix,
  augmix,
  autoAugment,
  clipFrame,
  clipFromFrames,
  cutout,
  floatToBytes,
  pixmix,
  pixmixConfig,
  sampleCutmix,
  sampleMixup,
  sampleStandard,
  sampleVideomix,
  toUint8,
  vpixmix,
  vpixmixConfig,
} from '@vpixmix/augment-core';
import type { AugmentFn, PipelineOptions, Sample } from '@vpixmix/datasets';
import type { RecipeArm } from '../recipe/schema';

/** How one arm augments: a per-sample transform, and for Mixup / CutMix / VideoMix a batch-level mix. */
export interface ArmAugmentation {
  /** What the arm does, in words (for the plan and the report). */
  description: string;
  sample?: AugmentFn;
  mixBatch?: PipelineOptions['mixBatch'];
  /** AugMix with the Jensen-Shannon term: the clean image and two AugMix views of each sample. */
  views?: (image: ImageU8, rng: Rng) => [Image, Image, Image];
}

function isClip(sample: Sample): sample is Clip {
  return (sample as Clip).frames !== undefined;
}

function bytesOf<S extends Sample>(sample: S): S & { data: Uint8Array } {
  if (sample.data instanceof Uint8Array) return sample as S & { data: Uint8Array };
  return { ...sample, data: floatToBytes(sample.data as Float32Array) };
}

/**
 * The reference's CIFAR train transform (horizontal flip, then a random crop with zero
 * padding of size / 8 px: 4 px at 32), drawn once and applied to every frame of a clip.
 */
export function standardSample<S extends Sample>(sample: S, rng: Rng, flip = true): S {
  const padding = Math.max(1, Math.round(sample.width / 8));
  const params = sampleStandard(rng, sample, padding, flip ? 0.5 : 0);
  if (!isClip(sample)) return applyStandard(sample as Image, params) as S;
  const frames = Array.from({ length: sample.frames }, (_, t) => applyStandard(clipFrame(sample, t), params));
  return clipFromFrames(frames) as unknown as S;
}

/** A mixing picture for one sample, drawn as the reference does (a uniform index), quantised to 8 bits like its image files. */
function drawMixingPicture(source: MixingSource, width: number, height: number, rng: Rng): ImageU8 {
  const index = rng.int(0, source.length);
  return toUint8(source.picture(index, width, height, rng.fork('mixing-preprocess')));
}

/** Views over a packed batch of items: images (N, H, W, 3) or clips (N, T, H, W, 3). */
function unpack(batch: { xs: Float32Array; ys: Float32Array; shape: readonly number[]; numClasses: number }) {
  const [n, ...item] = batch.shape;
  const size = item.reduce((a, b) => a * b, 1);
  const data = (i: number) => batch.xs.subarray(i * size, (i + 1) * size);
  const labels = Array.from({ length: n }, (_, i) => batch.ys.slice(i * batch.numClasses, (i + 1) * batch.numClasses));
  return { n, item, size, data, labels };
}

function writeBack(batch: { xs: Float32Array; ys: Float32Array; numClasses: number }, mixed: { data: Float32Array }[], labels: Float32Array[], size: number): void {
  mixed.forEach((m, i) => batch.xs.set(m.data, i * size));
  labels.forEach((l, i) => batch.ys.set(l, i * batch.numClasses));
}

/**
 * The augmentation of `arm`. `source` is its opened mixing source (pixmix / vpixmix). Every
 * draw comes from the rng handed in, through named forks, so a sample's augmentation depends
 * only on (seed, epoch, index).
 */
export function armAugmentation(arm: RecipeArm, source: MixingSource | undefined): ArmAugmentation {
  const a = arm.augment;
  const flip = a.flip ?? true;
  const first = a.standardFirst ? <S extends Sample>(s: S, rng: Rng): S => standardSample(s, rng.fork('standard'), flip) : <S extends Sample>(s: S): S => s;
  const firstNote = a.standardFirst ? (flip ? 'crop + flip, then ' : 'crop (no flip), then ') : '';
  switch (a.preset) {
    case 'none':
      return { description: 'no augmentation' };
    case 'standard':
      return {
        description: flip ? 'random crop (zero padding) + horizontal flip' : 'random crop (zero padding), no flip',
        sample: (s, rng) => standardSample(s, rng.fork('standard'), flip),
      };
    case 'cutout':
      return { description: `${firstNote}Cutout (one 16 px hole)`, sample: (s, rng) => cutout(first(s as Image, rng), rng.fork('cutout')).image };
    case 'autoaugment':
      return { description: `${firstNote}AutoAugment (CIFAR-10 policy)`, sample: (s, rng) => autoAugment(bytesOf(first(s as Image, rng)) as ImageU8, rng.fork('autoaugment')).image };
    case 'augmix': {
      const config = a.severity !== undefined ? { severity: a.severity } : {};
      return {
        description: `${firstNote}AugMix (width 3, severity ${a.severity ?? 3})`,
        sample: (s, rng) => augmix(bytesOf(first(s as Image, rng)) as ImageU8, rng.fork('augmix'), config).views[0],
        views: (image, rng) => {
          const { clean, views } = augmix(bytesOf(first(image, rng)) as ImageU8, rng.fork('augmix'), config);
          return [clean, views[0], views[1]];
        },
      };
    }
    case 'mixup':
    case 'cutmix': {
      const alpha = a.alpha ?? 1;
      const mixBatch: PipelineOptions['mixBatch'] = (batch, rng) => {
        const { n, item, size, data, labels } = unpack(batch);
        const [height, width] = item;
        const images = Array.from({ length: n }, (_, i) => ({ width, height, channels: 3 as const, data: data(i) }));
        const mixed =
          a.preset === 'mixup'
            ? applyMixup(images, labels, sampleMixup(rng, n, alpha))
            : applyCutmix(images, labels, sampleCutmix(rng, n, { width, height }, alpha));
        writeBack(batch, mixed.images, mixed.labels, size);
      };
      return { description: `${firstNote}${a.preset === 'mixup' ? 'Mixup' : 'CutMix'} (alpha ${alpha})`, sample: a.standardFirst ? (s, rng) => first(s, rng) : undefined, mixBatch };
    }
    case 'videomix': {
      const alpha = a.alpha ?? 1;
      const mixBatch: PipelineOptions['mixBatch'] = (batch, rng) => {
        const { n, item, size, data, labels } = unpack(batch);
        const [frames, height, width] = item;
        const clips = Array.from({ length: n }, (_, i) => ({ frames, width, height, channels: 3 as const, data: data(i) }));
        const mixed = applyVideomix(clips, labels, sampleVideomix(rng, n, { frames, width, height }, { beta: alpha }));
        writeBack(batch, mixed.clips, mixed.labels, size);
      };
      return { description: `${firstNote}VideoMix (spatial cuboid, beta ${alpha})`, sample: a.standardFirst ? (s, rng) => first(s, rng) : undefined, mixBatch };
    }
    case 'pixmix': {
      const cfg = { k: a.k, beta: a.beta, severity: a.severity, allOps: a.allOps };
      const defined = Object.fromEntries(Object.entries(cfg).filter(([, v]) => v !== undefined));
      const mixing = source as MixingSource;
      return {
        description: `${firstNote}PixMix (${describe(pixmixConfig(defined))}) with ${describeMixing(arm.mixing)}`,
        sample: (s, rng) => {
          const image = bytesOf(first(s as Image, rng)) as ImageU8;
          const picture = drawMixingPicture(mixing, image.width, image.height, rng.fork('mixing'));
          return pixmix(image, picture, defined, rng.fork('pixmix')).image;
        },
      };
    }
    case 'vpixmix': {
      const variant = a.variant ?? 'single-picture';
      const pixmixPart = Object.fromEntries(Object.entries({ k: a.k, beta: a.beta, severity: a.severity, allOps: a.allOps }).filter(([, v]) => v !== undefined));
      const cfg = vpixmixConfig(variant, { pixmix: pixmixPart, ...(variant === 'video-mixing' || variant === 'fractal-zoom' ? { shortClip: 'bounce' as const } : {}) });
      const mixing = source as MixingSource;
      return {
        description: `${firstNote}V-PixMix ${variant} (${describe(cfg.pixmix)}) with ${describeMixing(arm.mixing)}`,
        sample: (s, rng) => vpixmix(bytesOf(first(s as Clip, rng)) as ClipU8, mixing, cfg, rng.fork('vpixmix')).clip,
      };
    }
  }
}

function describe(options: object): string {
  return Object.entries(options)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

/** The mixing source in words, from the recipe alone (the plan is printed before anything is opened). */
export function describeMixing(mixing: RecipeArm['mixing']): string {
  if (!mixing) return 'no mixing source';
  switch (mixing.source) {
    case 'fractals':
      return `procedural fractals (${mixing.count}, seed ${mixing.seed}${mixing.preprocess === 'none' ? ', fixed: no resize + random crop' : ', resize + random crop per draw'})`;
    case 'fractal-zoom':
      return `fractal-zoom clips (${mixing.count}, seed ${mixing.seed})`;
    case 'folder':
      return `pictures in ${mixing.path}`;
    case 'video':
      return `frames of ${mixing.path}`;
  }
}
