import type { KernelProfile } from '@vpixmix/tf-backend';

/** Per-kernel times of two profiles of the same step side by side (ours vs stock), largest stock time first. */
export function compareProfiles(ours: KernelProfile, stock: KernelProfile, top = 12): string[] {
  const oursBy = new Map(ours.kernels.map((k) => [k.kernel, k.ms]));
  const lines = [`${'kernel'.padEnd(24)} ${'ours ms'.padStart(9)} ${'stock ms'.padStart(9)} ${'speed-up'.padStart(8)}`];
  for (const k of stock.kernels.slice(0, top)) {
    const mine = oursBy.get(k.kernel) ?? 0;
    const speedUp = mine > 0 ? `${(k.ms / mine).toFixed(2)}x` : '-';
    lines.push(`${k.kernel.padEnd(24)} ${mine.toFixed(1).padStart(9)} ${k.ms.toFixed(1).padStart(9)} ${speedUp.padStart(8)}`);
  }
  const all = stock.kernelMs > 0 && ours.kernelMs > 0 ? `${(stock.kernelMs / ours.kernelMs).toFixed(2)}x` : '-';
  lines.push(`${'all kernels'.padEnd(24)} ${ours.kernelMs.toFixed(1).padStart(9)} ${stock.kernelMs.toFixed(1).padStart(9)} ${all.padStart(8)}`);
  return lines;
}

/**
 * One profile from several of the same step: each kernel at its fastest (interference from
 * other processes only ever adds time), totals recomputed from those.
 */
export function fastestPerKernel(profiles: KernelProfile[]): KernelProfile {
  if (profiles.length === 0) throw new Error('fastestPerKernel: no profiles');
  const byName = new Map<string, KernelProfile['kernels'][number]>();
  for (const profile of profiles) {
    for (const k of profile.kernels) {
      const seen = byName.get(k.kernel);
      if (!seen || k.ms < seen.ms) byName.set(k.kernel, { ...k });
    }
  }
  const kernels = [...byName.values()].sort((a, b) => b.ms - a.ms);
  const kernelMs = kernels.reduce((t, k) => t + k.ms, 0);
  for (const k of kernels) k.share = kernelMs > 0 ? k.ms / kernelMs : 0;
  return { wallMs: Math.min(...profiles.map((p) => p.wallMs)), kernelMs, kernels, timer: profiles[0].timer };
}
