/**
 * Derives 32-bit seeds for tfjs's seeded random ops (initialisation, dropout masks) from a
 * run seed and names/counters, counter-style: a seed is a pure function of its keys, so a
 * resumed run draws exactly what the uninterrupted run drew, with no generator state to save.
 */

function wordOf(key: number | string): number {
  if (typeof key === 'number') {
    if (!Number.isFinite(key)) throw new RangeError(`seed key must be finite, got ${key}`);
    const high = Math.floor(key / 2 ** 32);
    return (key ^ Math.imul(high, 0x9e3779b1)) >>> 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One well-mixed 32-bit seed from any number of integer or string keys; never 0, because
 * tfjs's randomNormal treats a seed of 0 as "no seed" and falls back to Math.random.
 */
export function deriveSeed(...keys: (number | string)[]): number {
  let h = 0x2545f491;
  for (const key of keys) h = fmix32(Math.imul(h ^ wordOf(key), 0x9e3779b1) + 0x7f4a7c15);
  return h === 0 ? 1 : h;
}
