/** Applies one 256-entry table to every channel value (Pillow's `Image.point` with 256 entries). */
export function applyLut(src: Uint8Array, lut: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i++) out[i] = lut[src[i]];
}

/** Applies per-channel tables: `luts` holds 768 entries, R then G then B (Pillow's RGB point). */
export function applyChannelLuts(src: Uint8Array, luts: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i += 3) {
    out[i] = luts[src[i]];
    out[i + 1] = luts[256 + src[i + 1]];
    out[i + 2] = luts[512 + src[i + 2]];
  }
}

/** Per-channel histograms of an RGB buffer: 768 counts, as Pillow's `Image.histogram()`. */
export function channelHistograms(src: Uint8Array, into: Int32Array = new Int32Array(768)): Int32Array {
  into.fill(0);
  for (let i = 0; i < src.length; i += 3) {
    into[src[i]]++;
    into[256 + src[i + 1]]++;
    into[512 + src[i + 2]]++;
  }
  return into;
}
