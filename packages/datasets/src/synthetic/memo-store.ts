/**
 * Items computed from their index, kept once computed (while the whole store fits in
 * `limitBytes`; beyond that every read renders again).
 */
export class MemoStore<D extends Uint8Array | Float32Array> {
  private readonly store: D | undefined;
  private readonly done: Uint8Array;

  constructor(
    count: number,
    private readonly itemLength: number,
    private readonly render: (index: number) => D,
    makeStore: (n: number) => D,
    limitBytes = Number.POSITIVE_INFINITY,
  ) {
    const bytes = count * itemLength * makeStore(0).BYTES_PER_ELEMENT;
    this.store = bytes <= limitBytes ? makeStore(count * itemLength) : undefined;
    this.done = new Uint8Array(this.store ? count : 0);
  }

  /** Item `index` (a view of the store when kept; do not write to it). */
  get(index: number): D {
    if (!this.store) return this.render(index);
    const view = this.store.subarray(index * this.itemLength, (index + 1) * this.itemLength) as D;
    if (!this.done[index]) {
      view.set(this.render(index));
      this.done[index] = 1;
    }
    return view;
  }
}
