import { promises as fs } from 'node:fs';
import { CorruptMediaError, FileMissingError, MediaFileError, NotAVideoError } from '../errors';

/** Container signatures: a file that starts like one of these but cannot be read is damaged, not "not a video". */
export function looksLikeVideoContainer(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  const box = ascii(4, 8);
  return (
    ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot'].includes(box) || // MP4 / QuickTime
    (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) || // Matroska / WebM (EBML)
    (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') ||
    ascii(0, 3) === 'FLV' ||
    ascii(0, 4) === 'OggS' ||
    ascii(0, 4) === 'GIF8' ||
    ascii(0, 24) === 'nut/multimedia container' ||
    (head[0] === 0x30 && head[1] === 0x26 && head[2] === 0xb2 && head[3] === 0x75) || // ASF / WMV
    (head[0] === 0 && head[1] === 0 && head[2] === 1 && (head[3] === 0xba || head[3] === 0xb3)) || // MPEG-PS / ES
    (head[0] === 0x47 && head.length > 188 && head[188] === 0x47) // MPEG-TS
  );
}

export async function readHead(file: string, bytes = 256): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Throws `FileMissingError` unless `file` is an existing regular file; returns its size and mtime. */
export async function statInput(file: string): Promise<{ size: number; mtimeMs: number }> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileMissingError(file);
    throw error;
  }
  if (!stat.isFile()) throw new FileMissingError(file, 'is not a regular file (a directory?)');
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

const TRUNCATION_SIGNS = [
  'partial file',
  'File ended prematurely',
  'Truncating packet',
  'Invalid NAL unit',
  'error while decoding',
  'Error while decoding',
  'Read error',
  'End of file',
  'EOF before',
  'invalid as first byte of an EBML number',
  'corrupt',
];

/**
 * What a failed ffprobe/ffmpeg run on `file` means: a damaged container or stream (it starts like a
 * video container, or the tool's message says truncated/corrupt) or a file that is no video at all.
 */
export async function classifyFailure(file: string, toolMessage: string, what: string): Promise<MediaFileError> {
  await statInput(file);
  const head = await readHead(file);
  if (looksLikeVideoContainer(head) || TRUNCATION_SIGNS.some((sign) => toolMessage.includes(sign))) {
    return new CorruptMediaError(file, what, toolMessage);
  }
  return new NotAVideoError(file, `${what}: ffmpeg does not recognise it as a video`, toolMessage);
}
