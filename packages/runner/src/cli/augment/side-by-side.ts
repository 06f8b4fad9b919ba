import type { Clip, ClipU8 } from '@vpixmix/augment-core';
import { floatToBytes } from '@vpixmix/augment-core';

/** Clips of equal shape laid out left to right with `gap` grey pixels between (8-bit). */
export function sideBySide(clips: readonly Clip[], gap = 2): ClipU8 {
  const { frames, width, height } = clips[0];
  const total = clips.length * width + (clips.length + 1) * gap;
  const tall = height + 2 * gap;
  const data = new Uint8Array(frames * total * tall * 3).fill(128);
  clips.forEach((clip, c) => {
    const bytes = clip.data instanceof Uint8Array ? clip.data : floatToBytes(clip.data);
    for (let t = 0; t < frames; t++) {
      for (let y = 0; y < height; y++) {
        const from = ((t * height + y) * width) * 3;
        const to = ((t * tall + y + gap) * total + gap + c * (width + gap)) * 3;
        data.set(bytes.subarray(from, from + width * 3), to);
      }
    }
  });
  return { frames, width: total, height: tall, channels: 3, data };
}
