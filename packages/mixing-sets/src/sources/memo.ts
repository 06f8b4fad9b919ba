/** A first-in-first-out memo bounded by a byte budget (0 keeps nothing). */
export class FifoMemo<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;
  constructor(
    readonly budgetBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string, make: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) return found.value;
    const value = make();
    const bytes = this.sizeOf(value);
    if (bytes > this.budgetBytes) return value;
    while (this.used + bytes > this.budgetBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { bytes: number }];
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Default memo budget of the procedural sources. */
export const DEFAULT_MEMO_BYTES = 64 * 1024 * 1024;

/** A fresh copy of an image or clip, so a caller that writes into it cannot spoil a memo. */
export function copyPixels<T extends { data: Float32Array }>(value: T): T {
  return { ...value, data: value.data.slice() };
}

/** `index` wrapped into [0, length), as MixingSource promises. */
export function wrapIndex(index: number, length: number): number {
  if (!Number.isInteger(index)) throw new RangeError(`index: must be an integer, got ${index}`);
  return ((index % length) + length) % length;
}
