import {
  Rng,
  VPIXMIX_PRESETS,
  isVpixmixPreset,
  vpixmix,
  vpixmixConfig,
  type ClipF32,
  type ClipU8,
  type ImageF32,
  type MixingClipSource,
  type VpixmixPreset,
} from '@vpixmix/augment-core';
import { FractalZoomSource } from '@vpixmix/mixing-sets';
import type { CommandIo } from '../command';
import { UsageError } from '../errors';
import { numberOption, stringOption } from '../options';
import { median, PIXMIX_REFERENCE_SCRIPT, referencePixmixRates, timeLoop } from './reference-bench';

type Values = Parameters<typeof stringOption>[0];

function parseShape(text: string): { frames: number; height: number; width: number } {
  const match = /^(\d+)x(\d+)x(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--clip must be TxHxW, e.g. 16x112x112; got '${text}'.`);
  const [frames, height, width] = match.slice(1).map(Number);
  if (frames < 1 || frames > 512 || height < 8 || width < 8 || height > 1024 || width > 1024) {
    throw new UsageError(`--clip ${text}: frames must be in [1, 512], sides in [8, 1024].`);
  }
  return { frames, height, width };
}

/**
 * Mixing material held in memory, as the reference's mixing set is: 256 random 8-bit pictures
 * (as its bench) and a few fractal-zoom clips rendered once up front (the render is mixing-sets'
 * cost, measured by `vpixmix bench fractals`). Pictures come back as float, as sources return them.
 */
class InMemoryMixing implements MixingClipSource {
  readonly name = 'in-memory bench mixing set';
  readonly length = 256;
  private readonly pictures: ImageF32[];
  constructor(
    width: number,
    height: number,
    private readonly clips: readonly ClipF32[],
  ) {
    const rng = Rng.seeded(0, 'bench-mixing');
    this.pictures = Array.from({ length: 256 }, () => ({ width, height, channels: 3 as const, data: Float32Array.from({ length: width * height * 3 }, () => rng.int(0, 256) / 255) }));
  }
  picture(index: number): ImageF32 {
    return this.pictures[index % 256];
  }
  clip(index: number): ClipF32 {
    return this.clips[index % this.clips.length];
  }
}

function randomClips(count: number, shape: { frames: number; width: number; height: number }): ClipU8[] {
  const rng = Rng.seeded(0, 'bench-clips');
  const n = shape.frames * shape.width * shape.height * 3;
  return Array.from({ length: count }, () => ({ ...shape, channels: 3 as const, data: Uint8Array.from({ length: n }, () => rng.int(0, 256)) }));
}

/** `vpixmix bench augment --clip TxHxW`: V-PixMix clips/s on one thread per preset, against the reference image loop / T. */
export async function runClipBench(values: Values, io: CommandIo): Promise<void> {
  const shape = parseShape(stringOption(values, 'clip', '16x112x112'));
  const seconds = numberOption(values, 'seconds', 2, { min: 0.1, max: 120 });
  const repeats = numberOption(values, 'repeats', 3, { min: 1, max: 20, integer: true });
  const python = stringOption(values, 'python', '/usr/bin/python3');
  const presetText = stringOption(values, 'presets');
  const presets = presetText === undefined ? [...VPIXMIX_PRESETS] : presetText.split(',').map((s) => s.trim());
  for (const p of presets) if (!isVpixmixPreset(p)) throw new UsageError(`--presets: unknown preset '${p}'; known: ${VPIXMIX_PRESETS.join(', ')}.`);
  const { frames, width, height } = shape;
  io.err(`rendering 4 fractal-zoom clips of ${frames}x${height}x${width} for the mixing set (not timed)...`);
  const zoom = new FractalZoomSource({ seed: 0, count: 4 });
  const source = new InMemoryMixing(width, height, [0, 1, 2, 3].map((i) => zoom.clip(i, frames, width, height)));
  const clips = randomClips(8, shape);
  const out = new Float32Array(frames * width * height * 3);
  const rows: Record<string, unknown>[] = [];
  const reference: { wall: number; cpu: number }[] = [];
  let referenceNote = '';
  const perPreset = new Map<string, { wall: number; cpu: number }[]>();
  for (let r = 0; r < repeats; r++) {
    const ref = await referencePixmixRates(python, Math.max(200, Math.round(3000 * (32 / Math.max(width, height)) ** 2)), Math.max(width, height));
    if (typeof ref === 'string') referenceNote = ref;
    else reference.push({ wall: ref.wall / frames, cpu: ref.cpu / frames });
    for (const preset of presets as VpixmixPreset[]) {
      const cfg = vpixmixConfig(preset, preset === 'video-mixing' ? { shortClip: 'loop' } : {});
      const rng = Rng.seeded(1, preset);
      for (let i = 0; i < 4; i++) vpixmix(clips[i % clips.length], source, cfg, rng, out);
      let n = 0;
      const rate = timeLoop(seconds, () => {
        vpixmix(clips[n++ % clips.length], source, cfg, rng, out);
        return 1;
      });
      perPreset.set(preset, [...(perPreset.get(preset) ?? []), rate]);
    }
    const refLine = typeof ref === 'string' ? ref : `${(ref.wall / frames).toFixed(1)} (${(ref.cpu / frames).toFixed(1)}/cpu-s)`;
    io.err(`  round ${r + 1}/${repeats}: ${presets.map((p) => `${p} ${perPreset.get(p)?.at(-1)?.wall.toFixed(1)}`).join(', ')} clips/s; reference ${refLine} clips/s`);
  }
  const refRate = reference.length ? median(reference.map((r) => r.wall)) : null;
  const refCpu = reference.length ? median(reference.map((r) => r.cpu)) : null;
  io.out(
    `V-PixMix ${frames}x${height}x${width}, one thread; reference: ${PIXMIX_REFERENCE_SCRIPT} at ${Math.max(width, height)}px / ${frames} frames = ` +
      (refRate && refCpu ? `${refRate.toFixed(1)} clips/s (${refCpu.toFixed(1)}/cpu-s)` : referenceNote),
  );
  for (const preset of presets) {
    const runs = perPreset.get(preset) ?? [];
    const rate = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    rows.push({
      preset,
      clipsPerSecond: Number(rate.toFixed(1)),
      clipsPerCpuSecond: Number(cpu.toFixed(1)),
      ratio: refRate ? Number((rate / refRate).toFixed(2)) : null,
      ratioCpu: refCpu ? Number((cpu / refCpu).toFixed(2)) : null,
    });
    io.out(`  ${preset.padEnd(15)} ${rate.toFixed(1).padStart(8)} clips/s (${cpu.toFixed(1)}/cpu-s)${refRate && refCpu ? `  ${(rate / refRate).toFixed(2)}x the reference by wall clock, ${(cpu / refCpu).toFixed(2)}x by CPU time` : ''}`);
  }
  io.out(JSON.stringify({ bench: 'augment-clip', clip: `${frames}x${height}x${width}`, referenceClipsPerSecond: refRate && Number(refRate.toFixed(1)), referenceClipsPerCpuSecond: refCpu && Number(refCpu.toFixed(1)), results: rows }));
}
