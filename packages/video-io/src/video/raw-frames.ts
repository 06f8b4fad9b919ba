import { spawn } from 'node:child_process';
import { CorruptMediaError } from '../errors';
import { ffmpegPath } from '../ffmpeg/binaries';
import { classifyFailure } from '../ffmpeg/classify';
import { spawnFailure, StderrTail } from '../ffmpeg/run-tool';

export interface RawFramesOptions {
  file: string;
  /** Full ffmpeg argument list; it must write rawvideo rgb24 to pipe:1. */
  args: readonly string[];
  frameBytes: number;
  /** Treat error-level messages on stderr as corruption even when ffmpeg exits 0. */
  strict: boolean;
}

/**
 * Spawns ffmpeg and yields its stdout re-chunked into exact `frameBytes` frames (a pipe delivers
 * arbitrary chunks). Pulling is the backpressure: while the consumer holds a frame nothing is read
 * and ffmpeg blocks on a full pipe. When the consumer stops early (break, throw, return), ffmpeg is
 * killed and reaped before the generator finishes, so no process outlives the iteration.
 */
export async function* rawFrames(options: RawFramesOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const binary = ffmpegPath();
  const child = spawn(binary, options.args as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = new StderrTail();
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let spawnError: Error | undefined;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      spawnError = error;
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });

  const { frameBytes } = options;
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === frameBytes) {
          yield frame;
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const { code, signal } = await closed;
    finished = true;
    if (spawnError) throw spawnFailure(binary, 'ffmpeg', spawnError);
    const message = stderr.text();
    if (code !== 0) {
      throw await classifyFailure(options.file, message, `ffmpeg failed to decode it (exit ${code ?? signal})`);
    }
    if (filled !== 0) throw new CorruptMediaError(options.file, `ffmpeg's output ended mid-frame (${filled} of ${frameBytes} bytes)`, message);
    if (options.strict && message) throw new CorruptMediaError(options.file, 'ffmpeg reported errors while decoding it', message);
  } finally {
    if (!finished) {
      child.stdout.destroy();
      child.kill('SIGKILL');
      await closed;
    }
  }
}
