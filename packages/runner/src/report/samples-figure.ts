import { type Clip, type ClipU8, type Image, type ImageU8, clipFrame, floatToBytes } from '@vpixmix/augment-core';
import type { Sample } from '@vpixmix/datasets';
import { encodePng, writeGif } from '@vpixmix/video-io';
import { element, svgDocument, text } from './figures/svg';

/** One row of the sample grid: a label (the arm, or 'original') and its samples. */
export interface SampleRow {
  label: string;
  samples: Sample[];
}

const bytes = (data: Uint8Array | Float32Array): Uint8Array => (data instanceof Uint8Array ? data : floatToBytes(data));

function isClip(sample: Sample): sample is Clip {
  return (sample as Clip).frames !== undefined;
}

/** Rows of images as an SVG: each picture an embedded PNG, enlarged `scale` times, labelled on the left. */
function imageGrid(rows: readonly { label: string; images: Image[] }[], title: string, scale: number, columnLabels?: string[]): string {
  const first = rows[0].images[0];
  const cellW = first.width * scale;
  const cellH = first.height * scale;
  const gap = 4;
  const labelW = 150;
  const top = 40 + (columnLabels ? 16 : 0);
  const columns = Math.max(...rows.map((r) => r.images.length));
  const width = labelW + columns * (cellW + gap) + gap;
  const height = top + rows.length * (cellH + gap) + gap;
  const parts = [text(width / 2, 24, title, { 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' })];
  columnLabels?.forEach((label, c) => parts.push(text(labelW + c * (cellW + gap) + cellW / 2, top - 6, label, { 'text-anchor': 'middle', 'font-size': 11 })));
  rows.forEach((row, r) => {
    const y = top + r * (cellH + gap);
    parts.push(text(labelW - 8, y + cellH / 2 + 4, row.label, { 'text-anchor': 'end', 'font-size': 12 }));
    row.images.forEach((image, c) => {
      const png = encodePng({ ...image, data: bytes(image.data) } as ImageU8, { scale }).toString('base64');
      parts.push(element('image', { x: labelW + c * (cellW + gap), y, width: cellW, height: cellH, href: `data:image/png;base64,${png}`, 'image-rendering': 'pixelated' }));
    });
  });
  return svgDocument(width, height, parts);
}

/** Images: originals on the first row, each arm's augmentation of the same images below. */
export function imageSamplesFigure(rows: readonly SampleRow[]): string {
  const first = rows[0].samples[0];
  const scale = Math.max(1, Math.round(96 / first.width));
  return imageGrid(
    rows.map((r) => ({ label: r.label, images: r.samples as Image[] })),
    'Augmented training samples (same images, same draws per column)',
    scale,
  );
}

/** Clips: for each row, the frames of its first clip across (at most 8, evenly spaced). */
export function clipFramesFigure(rows: readonly SampleRow[]): string {
  const clip = rows[0].samples[0] as Clip;
  const count = Math.min(8, clip.frames);
  const picks = Array.from({ length: count }, (_, k) => Math.round((k * (clip.frames - 1)) / Math.max(1, count - 1)));
  const scale = Math.max(1, Math.round(96 / clip.width));
  return imageGrid(
    rows.map((r) => ({ label: r.label, images: picks.map((t) => clipFrame(r.samples[0] as Clip, t)) })),
    'Augmented training clip (frames across; one clip, same draws per row)',
    scale,
    picks.map((t) => `frame ${t}`),
  );
}

/** Rows x columns of clips tiled into one clip (black gaps), for an animated GIF. */
export function tileClips(rows: readonly Clip[][], gap = 2): ClipU8 {
  const first = rows[0][0];
  const { frames, width, height } = first;
  const columns = Math.max(...rows.map((r) => r.length));
  const W = columns * (width + gap) + gap;
  const H = rows.length * (height + gap) + gap;
  const out = new Uint8Array(frames * W * H * 3);
  rows.forEach((row, r) =>
    row.forEach((clip, c) => {
      const data = bytes(clip.data);
      for (let t = 0; t < frames; t++) {
        for (let y = 0; y < height; y++) {
          const src = ((t * height + y) * width) * 3;
          const dst = ((t * H + gap + r * (height + gap) + y) * W + gap + c * (width + gap)) * 3;
          out.set(data.subarray(src, src + width * 3), dst);
        }
      }
    }),
  );
  return { frames, width: W, height: H, channels: 3, data: out };
}

/** Writes the animated grid: one row per arm (original first), one column per clip. */
export async function writeClipSamplesGif(file: string, rows: readonly SampleRow[]): Promise<void> {
  const clips = rows.map((r) => r.samples.filter(isClip));
  const scale = Math.max(1, Math.round(64 / clips[0][0].width));
  await writeGif(file, tileClips(clips), { fps: 4, scale });
}
