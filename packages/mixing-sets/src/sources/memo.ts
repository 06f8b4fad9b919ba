/** A bounded first-in-first-out memo: keeps the last `limit` entries (0 keeps none). */
export class FifoMemo<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly limit: number) {}

  get(key: string, make: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const value = make();
    if (this.limit > 0) {
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A fresh copy of an image or clip, so a caller that writes into it cannot spoil a memo. */
export function copyPixels<T extends { data: Float32Array }>(value: T): T {
  return { ...value, data: value.data.slice() };
}

/** `index` wrapped into [0, length), as MixingSource promises. */
export function wrapIndex(index: number, length: number): number {
  if (!Number.isInteger(index)) throw new RangeError(`index: must be an integer, got ${index}`);
  return ((index % length) + length) % length;
}
