import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeFrames, type CachedDecodeOptions } from '../video/decode';
import type { VideoFrame } from '../video/decode-frames';

/** A fresh temp folder for one test file. */
export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(tmpdir(), `vpixmix-${prefix}-`));
}

export async function collect(file: string, options: CachedDecodeOptions = {}): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of decodeFrames(file, options)) frames.push(frame);
  return frames;
}

/** Child processes of this process named `name`, with their state letter (R, S, Z = zombie, ...). */
export function childProcesses(name: string): { pid: number; state: string }[] {
  const found: { pid: number; state: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid ...
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (Number(ppid) === process.pid && comm === name) found.push({ pid: Number(entry), state });
  }
  return found;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
