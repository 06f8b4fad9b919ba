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
