import { describe, expect, it } from 'vitest';
import { FifoMemo, wrapIndex } from './memo';

describe('FifoMemo', () => {
  it('keeps entries within its byte budget, dropping the oldest first', () => {
    let made = 0;
    const memo = new FifoMemo<number[]>(10, (v) => v.length);
    const get = (key: string, size: number) => memo.get(key, () => (made++, new Array(size).fill(0)));
    get('a', 4);
    get('b', 4);
    get('a', 4);
    expect(made).toBe(2);
    get('c', 4); // 12 > 10: 'a' goes
    expect(memo.size).toBe(2);
    get('a', 4);
    expect(made).toBe(4);
    get('huge', 11); // larger than the budget: made, not kept
    get('huge', 11);
    expect(made).toBe(6);
    expect(new FifoMemo<number[]>(0, (v) => v.length).get('x', () => [1])).toEqual([1]);
  });

  it('wraps indices into [0, length)', () => {
    expect([wrapIndex(5, 4), wrapIndex(-1, 4), wrapIndex(0, 4)]).toEqual([1, 3, 0]);
    expect(() => wrapIndex(1.5, 4)).toThrow(/integer/);
  });
});
