import { AugmentArgumentError } from '../errors';
import { pixmixConfig, type PixmixConfig } from '../pixmix';

/** Whether something is drawn once for the whole clip or anew for every frame. */
export type DrawScope = 'clip' | 'frame';

/** What to do when a mixing clip has fewer frames than the clip: refuse, loop it, or play it back and forth. */
export type ShortClipPolicy = 'error' | 'loop' | 'bounce';

/**
 * One implementation, configured: which draws are per clip vs per frame, where mixing
 * pictures come from, which ops are allowed.
 */
export interface VpixmixConfig {
  /** PixMix's k, beta, severity, allOps. */
  readonly pixmix: PixmixConfig;
  /** Augmentation ops (the base op and augmented partners); without them every partner is the mixing picture. */
  readonly ops: boolean;
  /** PixMix's draws (rounds, partners, ops and their params, mixings, a, b): once per clip or per frame. */
  readonly draws: DrawScope;
  /** 'picture': mixing pictures from `source.picture`; 'clip': frame t mixes with frame t of `source.clip` (a MixingClipSource). */
  readonly material: 'picture' | 'clip';
  /** With material 'picture': one picture for the whole clip or one per frame. */
  readonly pictures: DrawScope;
  /** With material 'clip': frames asked of the source (default: the clip's); fewer are extended by `shortClip`. */
  readonly mixingFrames?: number;
  readonly shortClip: ShortClipPolicy;
  /** Mixing pictures quantised to 8 bits, as the reference's mixing set (image files) is; false keeps the source's floats. */
  readonly quantizeMixing: boolean;
}

export const VPIXMIX_PRESETS = ['naive', 'single-picture', 'frozen-pixmix', 'fractal-zoom', 'video-mixing'] as const;
export type VpixmixPreset = (typeof VPIXMIX_PRESETS)[number];

type Shape = Omit<VpixmixConfig, 'pixmix' | 'shortClip' | 'quantizeMixing' | 'mixingFrames'>;

/**
 * - naive: every frame its own PixMix (own mixing picture, own draws): the prior-art baseline;
 * - single-picture: one mixing picture, rounds, mixings and (a, b) per clip, no ops;
 * - frozen-pixmix: full PixMix, ops included, every draw frozen across the clip;
 * - fractal-zoom: single-picture whose mixing picture for frame t is frame t of a fractal-zoom clip;
 * - video-mixing: the same with the frames of any video (a MixingClipSource over a video).
 */
export const PRESET_SHAPES: Readonly<Record<VpixmixPreset, Shape>> = {
  naive: { ops: true, draws: 'frame', material: 'picture', pictures: 'frame' },
  'single-picture': { ops: false, draws: 'clip', material: 'picture', pictures: 'clip' },
  'frozen-pixmix': { ops: true, draws: 'clip', material: 'picture', pictures: 'clip' },
  'fractal-zoom': { ops: false, draws: 'clip', material: 'clip', pictures: 'clip' },
  'video-mixing': { ops: false, draws: 'clip', material: 'clip', pictures: 'clip' },
};

export function isVpixmixPreset(name: string): name is VpixmixPreset {
  return (VPIXMIX_PRESETS as readonly string[]).includes(name);
}

export type VpixmixConfigInput = Partial<Omit<VpixmixConfig, 'pixmix'>> & { pixmix?: Partial<PixmixConfig> };

/** A preset's configuration with overrides; everything validated (typed errors naming the field). */
export function vpixmixConfig(preset: VpixmixPreset | VpixmixConfigInput, overrides: VpixmixConfigInput = {}): VpixmixConfig {
  let base: VpixmixConfigInput;
  if (typeof preset === 'string') {
    if (!isVpixmixPreset(preset)) throw new AugmentArgumentError('preset', `unknown preset '${preset}'; known: ${VPIXMIX_PRESETS.join(', ')}`);
    base = PRESET_SHAPES[preset];
  } else base = { ...PRESET_SHAPES['single-picture'], ...preset };
  const merged = { shortClip: 'error' as const, quantizeMixing: true, ...base, ...overrides };
  const cfg: VpixmixConfig = { ...merged, pixmix: pixmixConfig({ ...base.pixmix, ...overrides.pixmix }) } as VpixmixConfig;
  for (const key of ['draws', 'pictures'] as const) {
    if (cfg[key] !== 'clip' && cfg[key] !== 'frame') throw new AugmentArgumentError(key, `must be 'clip' or 'frame', got ${String(cfg[key])}`);
  }
  if (cfg.material !== 'picture' && cfg.material !== 'clip') throw new AugmentArgumentError('material', `must be 'picture' or 'clip', got ${String(cfg.material)}`);
  if (!['error', 'loop', 'bounce'].includes(cfg.shortClip)) throw new AugmentArgumentError('shortClip', `must be 'error', 'loop' or 'bounce', got ${String(cfg.shortClip)}`);
  if (cfg.mixingFrames !== undefined && !(Number.isInteger(cfg.mixingFrames) && cfg.mixingFrames >= 1)) {
    throw new AugmentArgumentError('mixingFrames', `must be an integer >= 1, got ${cfg.mixingFrames}`);
  }
  if (typeof cfg.ops !== 'boolean' || typeof cfg.quantizeMixing !== 'boolean') throw new AugmentArgumentError('ops', 'ops and quantizeMixing must be true or false');
  return Object.freeze(cfg);
}
