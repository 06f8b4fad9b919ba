import { type Image, type MixingSource, Rng, toUint8, type ImageU8 } from '@vpixmix/augment-core';
import { FractalSource, loadImageFolder } from '@vpixmix/mixing-sets';
import { UsageError } from '../errors';

/** `--mixing fractals` (procedural IFS fractals) or a folder of PNG/JPEG pictures. */
export async function mixingSourceFromOption(value: string, size: number, seed: number, io: { err(text: string): void }): Promise<MixingSource> {
  if (value === 'fractals') return new FractalSource({ seed, count: 1000 });
  try {
    const source = await loadImageFolder(value, { size, tooSmall: 'upscale', onSkip: (s) => io.err(`skipped ${s.file}: ${s.reason}`) });
    return source;
  } catch (error) {
    const e = error as Error;
    throw new UsageError(`--mixing '${value}': ${e.message} (give 'fractals' or a folder of PNG/JPEG pictures).`);
  }
}

/**
 * A mixing picture for one sample, as the reference picks it (`np.random.choice(len(mixing_set))`,
 * then the set's own preprocessing), quantised to 8 bits: the reference's mixing pictures are
 * 8-bit image files.
 */
export function drawMixingPicture(source: MixingSource, width: number, height: number, rng: Rng): { index: number; picture: ImageU8 } {
  const index = rng.int(0, source.length);
  const picture: Image = source.picture(index, width, height, rng.fork('mixing-preprocess'));
  return { index, picture: toUint8(picture) };
}

