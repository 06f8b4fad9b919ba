import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const fontFile = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFontFile = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Rasterises an SVG document with the bundled DejaVu Sans (no system fonts needed). */
export function svgToPng(svg: string, scale = 1): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [fontFile, boldFontFile], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
  });
  return resvg.render().asPng();
}

/** Writes `<file>.png` and `<file>.svg` next to each other, atomically; returns the PNG path. */
export function writeFigure(fileWithoutExtension: string, svg: string): string {
  mkdirSync(path.dirname(fileWithoutExtension), { recursive: true });
  const png = `${fileWithoutExtension}.png`;
  for (const [target, content] of [
    [`${fileWithoutExtension}.svg`, svg],
    [png, svgToPng(svg)],
  ] as const) {
    const temp = `${target}.tmp-${process.pid}`;
    writeFileSync(temp, content);
    renameSync(temp, target);
  }
  return png;
}
