import { describe, expect, it } from 'vitest';
import { contactSheet } from './contact-sheet';
import { MixingArgumentError } from './errors';

const solid = (value: number) => ({ width: 2, height: 2, channels: 3 as const, data: new Uint8Array(12).fill(value) });

describe('contactSheet', () => {
  it('lays pictures out row by row with gaps', () => {
    const sheet = contactSheet([solid(10), solid(20), solid(30)], { columns: 2, gap: 1, gapColor: [0, 0, 0] });
    expect(sheet.width).toBe(2 * 2 + 3);
    expect(sheet.height).toBe(2 * 2 + 3);
    const at = (x: number, y: number) => sheet.data[(y * sheet.width + x) * 3];
    expect(at(0, 0)).toBe(0);
    expect(at(1, 1)).toBe(10);
    expect(at(4, 2)).toBe(20);
    expect(at(1, 4)).toBe(30);
    expect(at(4, 4)).toBe(0); // the empty fourth cell stays gap-coloured
  });

  it('enlarges by an integer factor and refuses mixed sizes', () => {
    expect(contactSheet([solid(1)], { scale: 3, gap: 0 }).width).toBe(6);
    expect(() => contactSheet([solid(1), { width: 3, height: 2, channels: 3, data: new Uint8Array(18) }])).toThrow(MixingArgumentError);
    expect(() => contactSheet([])).toThrow(/at least one picture/);
  });
});
