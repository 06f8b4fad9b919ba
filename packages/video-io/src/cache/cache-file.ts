import { promises as fs } from 'node:fs';

/**
 * One cached decode on disk: an 8-byte magic, a u32 header length, a JSON header, padding to
 * DATA_OFFSET, then the frames as raw RGB, T x H x W x 3, so frame k is one positioned read.
 */
export const MAGIC = 'VPXCLIP1';
export const DATA_OFFSET = 4096;

export interface CacheHeader {
  frames: number;
  width: number;
  height: number;
  /** Output frame rate as [num, den]. */
  frameRate: [number, number];
  source: { path: string; size: number; mtimeMs: number };
  options: Record<string, unknown>;
}

export function encodeHeader(header: CacheHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (12 + json.length > DATA_OFFSET) throw new Error(`cache header too long (${json.length} bytes)`);
  const out = Buffer.alloc(DATA_OFFSET, 0x20);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  return out;
}

/** The header of a complete cache file, or undefined when the file is not one (wrong magic, wrong length). */
export async function readHeader(file: string): Promise<CacheHeader | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const head = Buffer.alloc(DATA_OFFSET);
    const { bytesRead } = await handle.read(head, 0, DATA_OFFSET, 0);
    if (bytesRead < 12 || head.toString('ascii', 0, 8) !== MAGIC) return undefined;
    const length = head.readUInt32LE(8);
    if (12 + length > bytesRead) return undefined;
    const header = JSON.parse(head.toString('utf8', 12, 12 + length)) as CacheHeader;
    const { size } = await handle.stat();
    return size === DATA_OFFSET + header.frames * header.width * header.height * 3 ? header : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
