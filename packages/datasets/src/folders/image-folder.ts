import fs from 'node:fs';
import path from 'node:path';
import type { ImageU8 } from '@vpixmix/augment-core';
import { decodeImage, sniffImageFormat } from '@vpixmix/video-io';
import { type ImageDataset, checkIndex } from '../dataset';
import { DatasetArgumentError, DatasetMissingError } from '../errors';
import { resizeShorterAndCenterCrop, resizeStretch } from './resize';

export interface ImageFolderOptions {
  /** Every item is resized to this size. */
  width: number;
  height: number;
  name?: string;
  /**
   * 'resize-crop' (default): shorter side to the size, then centre crop, as the reference's
   * Resize(32) + CenterCrop(32) for OOD folders; 'stretch': resize to exactly width x height.
   */
  fit?: 'resize-crop' | 'stretch';
}

export const imageFolderLayout = '<root>/<class>/<image>.png|.jpg|.jpeg (one subfolder per class; or images directly in <root> for a one-class set)';

const IMAGE_NAME = /\.(png|jpe?g)$/i;

/**
 * A folder of PNG/JPEG pictures, one subfolder per class (sorted names = labels 0..C-1), as
 * torchvision's ImageFolder. Files that are not PNG or JPEG by name and content are
 * skipped and listed in `skipped`.
 */
export class ImageFolderDataset implements ImageDataset {
  readonly kind = 'image';
  readonly name: string;
  readonly length: number;
  readonly numClasses: number;
  readonly width: number;
  readonly height: number;
  readonly skipped: { path: string; reason: string }[];
  private readonly fit: 'resize-crop' | 'stretch';

  private constructor(
    readonly root: string,
    readonly classNames: readonly string[],
    readonly files: readonly string[],
    private readonly labels: Int32Array,
    skipped: { path: string; reason: string }[],
    options: ImageFolderOptions,
  ) {
    this.name = options.name ?? path.basename(root);
    this.length = files.length;
    this.numClasses = classNames.length;
    this.width = options.width;
    this.height = options.height;
    this.fit = options.fit ?? 'resize-crop';
    this.skipped = skipped;
  }

  static open(root: string, options: ImageFolderOptions): ImageFolderDataset {
    for (const name of ['width', 'height'] as const) {
      if (!Number.isInteger(options[name]) || options[name] < 1) throw new DatasetArgumentError(name, `must be a positive integer, got ${options[name]}`);
    }
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new DatasetMissingError(root, `an image folder: ${imageFolderLayout}`);
    const entries = fs.readdirSync(root, { withFileTypes: true });
    const classDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const classes = classDirs.length > 0 ? classDirs : [path.basename(root)];
    const files: string[] = [];
    const labels: number[] = [];
    const skipped: { path: string; reason: string }[] = [];
    classes.forEach((cls, label) => {
      const folder = classDirs.length > 0 ? path.join(root, cls) : root;
      for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!entry.isFile()) continue;
        const file = path.join(folder, entry.name);
        const reason = IMAGE_NAME.test(entry.name) ? contentProblem(file) : 'not named .png, .jpg or .jpeg';
        if (reason) skipped.push({ path: file, reason });
        else {
          files.push(file);
          labels.push(label);
        }
      }
    });
    if (files.length === 0) {
      throw new DatasetMissingError(path.join(root, '<class>', '<image>.png'), `${imageFolderLayout}; found no readable picture${skipped.length ? ` (${skipped.length} files skipped)` : ''}`);
    }
    return new ImageFolderDataset(root, classes, files, Int32Array.from(labels), skipped, options);
  }

  item(index: number): { image: ImageU8; label: number } {
    checkIndex(this, index);
    const file = this.files[index];
    const decoded = decodeImage(fs.readFileSync(file), file);
    const image = this.fit === 'stretch' ? resizeStretch(decoded, this.width, this.height) : resizeShorterAndCenterCrop(decoded, this.width, this.height);
    return { image, label: this.labels[index] };
  }

  label(index: number): number {
    checkIndex(this, index);
    return this.labels[index];
  }
}

function contentProblem(file: string): string | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const n = fs.readSync(fd, head, 0, 8, 0);
    return sniffImageFormat(head.subarray(0, n)) ? undefined : 'named like an image but is neither PNG nor JPEG by its content';
  } finally {
    fs.closeSync(fd);
  }
}
