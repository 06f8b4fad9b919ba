import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { tempSibling } from '../atomic-write';
import { statInput } from '../ffmpeg/classify';
import { decodeFromFile, type FrameOptions } from '../video/decode-frames';
import { probe } from '../video/probe';
import { frameSizeLabel } from '../video/frame-size';
import { toRate } from '../video/frame-rate';
import { DATA_OFFSET, encodeHeader, readHeader, type CacheHeader } from './cache-file';
import { CachedVideo } from './cached-video';

/** Bump when the decode or the file layout changes: old entries are then simply never hit. */
const FORMAT_VERSION = 1;

/** `VPIXMIX_CACHE_DIR`, else `$XDG_CACHE_HOME/vpixmix/decoded-clips`, else `~/.cache/vpixmix/decoded-clips`. */
export function defaultCacheDir(): string {
  if (process.env.VPIXMIX_CACHE_DIR) return process.env.VPIXMIX_CACHE_DIR;
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'vpixmix', 'decoded-clips');
}

/**
 * Decoded videos on disk, so later epochs read frames instead of running ffmpeg. An entry is the whole
 * video decoded at one size / fps / interpolation, keyed by the file's real path, size and mtime (a
 * changed file is a new entry). Writers build a private temp file and rename it into place, so
 * concurrent writers (threads, processes) never corrupt an entry and readers never see a partial one.
 */
export class DecodedClipCache {
  readonly dir: string;
  /** Fills in flight through this instance, so one entry is decoded once; other writers are safe by rename. */
  private readonly inFlight = new Map<string, Promise<CachedVideo>>();

  constructor(options: { dir?: string } = {}) {
    this.dir = path.resolve(options.dir ?? defaultCacheDir());
  }

  /** The entry's path for this file and these options (stat only, no decode). */
  async entryPath(file: string, options: FrameOptions = {}): Promise<string> {
    const { size, mtimeMs } = await statInput(file);
    const key = {
      v: FORMAT_VERSION,
      path: await fs.realpath(file),
      size,
      mtimeMs,
      frameSize: frameSizeLabel(options.size),
      fps: options.fps === undefined ? 'native' : `${toRate(options.fps).num}/${toRate(options.fps).den}`,
      interpolation: options.interpolation ?? 'bilinear',
    };
    const digest = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 40);
    return path.join(this.dir, digest.slice(0, 2), `${digest}.vpxclip`);
  }

  /** The cached decode, or undefined when there is none yet. */
  async get(file: string, options: FrameOptions = {}): Promise<CachedVideo | undefined> {
    const entry = await this.entryPath(file, options);
    const header = await readHeader(entry);
    return header ? new CachedVideo(entry, header) : undefined;
  }

  /** The cached decode, decoding the whole video into the cache first when it is not there. */
  async ensure(file: string, options: FrameOptions = {}): Promise<CachedVideo> {
    const entry = await this.entryPath(file, options);
    const header = await readHeader(entry);
    if (header) return new CachedVideo(entry, header);
    let pending = this.inFlight.get(entry);
    if (!pending) {
      pending = this.fill(file, entry, options).finally(() => this.inFlight.delete(entry));
      this.inFlight.set(entry, pending);
    }
    return pending;
  }

  private async fill(file: string, entry: string, options: FrameOptions): Promise<CachedVideo> {
    await fs.mkdir(path.dirname(entry), { recursive: true });
    const temp = tempSibling(entry);
    const handle = await fs.open(temp, 'w');
    let header: CacheHeader | undefined;
    try {
      let frames = 0;
      let width = 0;
      let height = 0;
      let position = DATA_OFFSET;
      const info = options.info ?? (await probe(file, { strict: options.strict ?? true }));
      const whole = { size: options.size, fps: options.fps, interpolation: options.interpolation, strict: options.strict, threads: options.threads, info };
      for await (const frame of decodeFromFile(file, whole)) {
        ({ width, height } = frame);
        await handle.write(frame.data, 0, frame.data.length, position);
        position += frame.data.length;
        frames++;
      }
      const { size, mtimeMs } = await statInput(file);
      const rate = options.fps === undefined ? info.frameRate : toRate(options.fps);
      header = {
        frames,
        width,
        height,
        frameRate: [rate.num, rate.den],
        source: { path: path.resolve(file), size, mtimeMs },
        options: { size: options.size ?? null, fps: options.fps ?? null, interpolation: options.interpolation ?? 'bilinear' },
      };
      await handle.write(encodeHeader(header), 0, DATA_OFFSET, 0);
      await handle.close();
      await fs.rename(temp, entry);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw error;
    }
    return new CachedVideo(entry, header);
  }

  /** Bytes the cache holds. */
  async sizeBytes(): Promise<number> {
    let total = 0;
    for (const file of await this.entries()) total += (await fs.stat(file)).size;
    return total;
  }

  /** Deletes every entry (and leftover temp files of crashed writers). */
  async clear(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }

  private async entries(): Promise<string[]> {
    let shards: string[];
    try {
      shards = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const files: string[] = [];
    for (const shard of shards) {
      const names = await fs.readdir(path.join(this.dir, shard)).catch(() => [] as string[]);
      files.push(...names.filter((n) => n.endsWith('.vpxclip')).map((n) => path.join(this.dir, shard, n)));
    }
    return files;
  }
}
