import { UnknownCorruptionError } from '../errors';
import { imageCorruptions } from '../registry';
import { clipConsistent, perFrame } from './spatial';
import { TEMPORAL_CORRUPTIONS } from './temporal';
import type { VideoCorruption } from './types';

/** Sensor noise: a fresh draw on every frame. */
const PER_FRAME = ['gaussian_noise', 'shot_noise', 'impulse_noise', 'speckle_noise'] as const;
/** Optics, weather and processing — every other image corruption: one draw for the whole clip. */
const CLIP_CONSISTENT = Object.keys(imageCorruptions).filter((n) => !(PER_FRAME as readonly string[]).includes(n)) as (keyof typeof imageCorruptions)[];

/** The video corruptions of vpixmix's -C sets for clips, in order: per-frame noise, clip-consistent, temporal. */
export const VIDEO_CORRUPTION_NAMES = [
  'gaussian_noise',
  'shot_noise',
  'impulse_noise',
  'defocus_blur',
  'motion_blur',
  'zoom_blur',
  'fog',
  'brightness',
  'contrast',
  'jpeg_compression',
  'frame_rate',
  'freeze',
  'reverse',
  'jumble',
  'drop_frames',
] as const;

export const TEMPORAL_CORRUPTION_NAMES = TEMPORAL_CORRUPTIONS.map((c) => c.name);

const all: VideoCorruption[] = [
  ...PER_FRAME.map((n) => perFrame(imageCorruptions[n]) as unknown as VideoCorruption),
  ...CLIP_CONSISTENT.map((n) => clipConsistent(imageCorruptions[n]) as unknown as VideoCorruption),
  ...(TEMPORAL_CORRUPTIONS as unknown as VideoCorruption[]),
];

export const videoCorruptions: Readonly<Record<string, VideoCorruption>> = Object.fromEntries(all.map((c) => [c.name, c]));

/** The video corruption called `name` (every image corruption has a clip form), or UnknownCorruptionError. */
export function getVideoCorruption(name: string): VideoCorruption {
  const c = videoCorruptions[name];
  if (!c) throw new UnknownCorruptionError('video corruption', name, Object.keys(videoCorruptions));
  return c;
}
