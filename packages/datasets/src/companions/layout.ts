import fs from 'node:fs';
import path from 'node:path';
import { DatasetFormatError } from '../errors';
import { SEVERITIES } from './names';

/**
 * The on-disk layout of corruption (-C) and perturbation (-P) sets. The published
 * CIFAR-10-C/-P archives use it, and `vpixmix corrupt` writes it for any data set, images
 * or clips.
 *
 * -C folder (e.g. datasets/cifar10-c/):
 *   <corruption>.npy  uint8 (5N, H, W, 3) images or (5N, T, H, W, 3) clips; rows
 *                     [(s-1)N, sN) hold severity s = 1..5 of the N test items, in test order
 *   labels.npy        integer (5N,) (the test labels tiled 5 times; (N,) is accepted too)
 *   meta.json         optional: CompanionMeta
 * -P folder (e.g. datasets/cifar10-p/):
 *   <perturbation>.npy  uint8 (N, S, H, W, 3): S steps of each image, or (N, S, T, H, W, 3)
 *                       for clips
 *   labels.npy          optional, integer (N,)
 *   meta.json           optional: CompanionMeta
 */
export const companionLayout = {
  dataFile: (root: string, name: string) => path.join(root, `${name}.npy`),
  labelsFile: (root: string) => path.join(root, 'labels.npy'),
  metaFile: (root: string) => path.join(root, 'meta.json'),
};

export const corruptionLayoutText =
  "'<corruption>.npy' uint8 (5N, H, W, 3) or (5N, T, H, W, 3) with severities 1-5 stacked in order, and 'labels.npy' (5N,)";
export const perturbationLayoutText = "'<perturbation>.npy' uint8 (N, S, H, W, 3) or (N, S, T, H, W, 3), optional 'labels.npy' (N,)";

/** What `meta.json` records beside a generated -C/-P set. Every field is optional for readers. */
export interface CompanionMeta {
  kind: 'corruptions' | 'perturbations';
  /** The data set it was made from ('shapes', 'cifar10', ...). */
  dataset?: string;
  classNames?: string[];
  /** Test items per severity (-C) or sequences (-P). */
  count?: number;
  /** Corruption or perturbation names written, in order. */
  names?: string[];
  /** Steps per -P sequence, by perturbation. */
  steps?: Record<string, number>;
  /** Frames per clip for video sets. */
  frames?: number;
  /** Whatever made it: 'vpixmix corrupt 0.1.0', seed, options. */
  generator?: string;
  seed?: number | string;
  [key: string]: unknown;
}

/** Shape of a -C file: (5N, H, W, 3), or (5N, T, H, W, 3) when `frames` is given. */
export function corruptionFileShape(count: number, item: { width: number; height: number; frames?: number }): number[] {
  const inner = item.frames === undefined ? [item.height, item.width, 3] : [item.frames, item.height, item.width, 3];
  return [SEVERITIES * count, ...inner];
}

/** Shape of a -P file: (N, S, H, W, 3), or (N, S, T, H, W, 3) when `frames` is given. */
export function perturbationFileShape(count: number, steps: number, item: { width: number; height: number; frames?: number }): number[] {
  const inner = item.frames === undefined ? [item.height, item.width, 3] : [item.frames, item.height, item.width, 3];
  return [count, steps, ...inner];
}

export function writeCompanionMeta(root: string, meta: CompanionMeta): void {
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(companionLayout.metaFile(root), `${JSON.stringify(meta, null, 2)}\n`);
}

export function readCompanionMeta(root: string): CompanionMeta | undefined {
  const file = companionLayout.metaFile(root);
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CompanionMeta;
  } catch (error) {
    throw new DatasetFormatError(file, 'a JSON object (CompanionMeta)', `invalid JSON: ${(error as Error).message}`);
  }
}

/**
 * The names of the .npy data files in a -C/-P folder (labels.npy excluded), sorted. Accepts
 * the folder itself or a folder holding exactly one subfolder with the files (as archives
 * unpack: cifar10-c/CIFAR-10-C/*.npy), and returns the folder that holds them.
 */
export function listCompanionFiles(root: string): { folder: string; names: string[] } {
  const scan = (folder: string) =>
    fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.npy') && f !== 'labels.npy')
      .map((f) => f.slice(0, -4))
      .sort();
  let names = scan(root);
  if (names.length > 0) return { folder: root, names };
  // Hidden folders (a download's staging folder) are not the data.
  const subfolders = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  if (subfolders.length === 1) {
    const nested = path.join(root, subfolders[0].name);
    names = scan(nested);
    if (names.length > 0) return { folder: nested, names };
  }
  return { folder: root, names: [] };
}
