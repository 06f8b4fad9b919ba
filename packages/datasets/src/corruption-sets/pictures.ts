import {
  type Clip,
  type ClipU8,
  type Image,
  type ImageU8,
  Rng,
  type Seed,
  clipFrame,
  clipFromFrames,
} from '@vpixmix/augment-core';
import {
  CORRUPTION_NAMES,
  PERTURBATION_NAMES,
  TEMPORAL_CORRUPTION_NAMES,
  corruptImage,
  getPerturbation,
  getVideoCorruption,
} from '@vpixmix/corruptions';
import { contactSheet } from '@vpixmix/mixing-sets';

export interface SheetOptions {
  names?: readonly string[];
  seed?: Seed;
  /** Integer magnification (default 3). */
  scale?: number;
}

/** One picture under every corruption (rows, in order) at every severity: columns clean, 1, 2, 3, 4, 5. */
export function corruptionSheet(image: Image, options: SheetOptions = {}): ImageU8 {
  const names = options.names ?? CORRUPTION_NAMES;
  const cells: Image[] = [];
  for (const name of names) {
    cells.push(image);
    for (let s = 1; s <= 5; s++) cells.push(corruptImage(image, name, s, Rng.seeded(options.seed ?? 0, name, s)).image);
  }
  return contactSheet(cells, { columns: 6, scale: options.scale ?? 3 });
}

/** One picture's -P sequences: a row per perturbation, `columns` steps spread over the sequence. */
export function perturbationSheet(image: Image, options: SheetOptions & { columns?: number } = {}): ImageU8 {
  const names = options.names ?? PERTURBATION_NAMES;
  const columns = options.columns ?? 8;
  const cells: Image[] = [];
  for (const name of names) {
    const clip = getPerturbation(name).sequence(image, Rng.seeded(options.seed ?? 0, name));
    for (let k = 0; k < columns; k++) cells.push(clipFrame(clip, Math.round((k * (clip.frames - 1)) / (columns - 1))));
  }
  return contactSheet(cells, { columns, scale: options.scale ?? 3 });
}

/**
 * A clip and its versions under video corruptions side by side, as a clip (for a GIF):
 * frame t shows frame t of the clean clip, then of each corruption at `severity`.
 */
export function videoCorruptionStrip(clip: Clip, options: SheetOptions & { severity?: number } = {}): ClipU8 {
  const names = options.names ?? TEMPORAL_CORRUPTION_NAMES;
  const severity = options.severity ?? 3;
  const versions: Clip[] = [clip];
  for (const name of names) {
    const c = getVideoCorruption(name);
    versions.push(c.apply(clip, c.sampleParams(Rng.seeded(options.seed ?? 0, name, severity), severity, clip)));
  }
  const frames = Array.from({ length: clip.frames }, (_, t) =>
    contactSheet(
      versions.map((v) => clipFrame(v, t)),
      { columns: versions.length, scale: options.scale ?? 3 },
    ),
  );
  return clipFromFrames(frames);
}
