import { createClip } from '@vpixmix/augment-core';
import { describe, expect, it } from 'vitest';
import { VideoIoArgumentError } from '../errors';
import { encodeGif } from './gif';

function threeFrames(): Uint8Array {
  const data = new Uint8Array(3 * 4 * 4 * 3);
  for (let t = 0; t < 3; t++) data.fill(t * 100, t * 48, (t + 1) * 48);
  return data;
}

describe('encodeGif', () => {
  it('writes a looping GIF89a of the clip size (scaled) with one image per frame', () => {
    const bytes = encodeGif(createClip(3, 4, 4, threeFrames()), { fps: 25, scale: 2 });
    expect(Buffer.from(bytes.subarray(0, 6)).toString('ascii')).toBe('GIF89a');
    expect(bytes[6] | (bytes[7] << 8)).toBe(8);
    expect(bytes[8] | (bytes[9] << 8)).toBe(8);
    expect(Buffer.from(bytes).includes(Buffer.from('NETSCAPE2.0'))).toBe(true);
    // Graphic control extensions (0x21 0xF9 0x04) carry the delay in 1/100 s: 40 ms = 4.
    const gce = [...Buffer.from(bytes).entries()].filter(([i, b]) => b === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 2] === 4);
    expect(gce.length).toBe(3);
    for (const [i] of gce) expect(bytes[i + 4] | (bytes[i + 5] << 8)).toBe(4);
  });

  it('rejects a bad fps', () => {
    expect(() => encodeGif(createClip(1, 2, 2, new Uint8Array(12)), { fps: 0 })).toThrow(VideoIoArgumentError);
  });
});
