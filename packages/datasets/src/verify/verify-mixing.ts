import fs from 'node:fs';
import path from 'node:path';
import { sniffImageFormat } from '@vpixmix/video-io';
import { downloadFix } from '../download/describe';
import { datasetRoot, workspaceRoot } from '../paths';
import { type VerifyCheck, type VerifyOptions, type VerifyReport, statusOf } from './report';

/** The folders of the official PixMix mixing set, as fractals_and_fvis.tar unpacks. */
export const pixmixMixingLayout = {
  folder: 'fractals_and_fvis',
  parts: [
    { what: 'fractals', folder: 'fractals/images' },
    { what: 'feature visualizations', folder: 'first_layers_resized256_onevis/images' },
  ],
};

/** How a recipe names the folder: relative to the workspace when inside it. */
function recipePath(folder: string): string {
  const relative = path.relative(workspaceRoot, folder);
  return relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative;
}

const PICTURE = /\.(png|jpe?g)$/i;

function partCheck(folder: string, what: string): VerifyCheck {
  if (!fs.existsSync(folder)) return { path: folder, ok: false, required: true, message: `missing: the ${what} as PNG/JPEG files` };
  const pictures = fs.readdirSync(folder).filter((f) => PICTURE.test(f));
  if (pictures.length === 0) return { path: folder, ok: false, required: true, absent: true, message: `no PNG/JPEG file: the ${what} are missing` };
  const first = path.join(folder, pictures.sort()[0]);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(first, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!sniffImageFormat(head)) return { path: first, ok: false, required: true, message: 'named like a picture, but not PNG or JPEG by content' };
  return { path: folder, ok: true, required: true, message: `${pictures.length.toLocaleString('en')} ${what}` };
}

/** The optional PixMix mixing set: both picture folders present and holding pictures. */
export function verifyPixmixMixing(options: VerifyOptions): VerifyReport {
  const root = datasetRoot('pixmix-mixing', options);
  const base = path.join(root, pixmixMixingLayout.folder);
  const checks = pixmixMixingLayout.parts.map((p) => partCheck(path.join(base, p.folder), p.what));
  const present = checks.filter((c) => fs.existsSync(c.path)).map((c) => c.path);
  const status = statusOf(checks, present);
  return {
    name: 'pixmix-mixing',
    root,
    status,
    optional: true,
    summary: status === 'ok' ? `${base}: ${checks.map((c) => c.message).join(', ')}` : `${base}: the official PixMix mixing pictures (optional; procedural fractals need none)`,
    checks,
    fix: [...downloadFix('pixmix-mixing', options.env), `Then mix with it in a recipe: mixing: { source: folder, path: ${recipePath(base)} }`],
  };
}
