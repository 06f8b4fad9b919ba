import { spawn } from 'node:child_process';
import { FfmpegMissingError } from '../errors';
import { toolPath, type ToolName } from './binaries';

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs ffmpeg/ffprobe to completion, collecting stdout and stderr. Never throws for a non-zero exit. */
export function runTool(tool: ToolName, args: readonly string[]): Promise<ToolResult> {
  const binary = toolPath(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err = new StderrTail();
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(spawnFailure(binary, tool, error)));
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err.text() }));
  });
}

export function spawnFailure(binary: string, tool: ToolName, error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES') {
    return new FfmpegMissingError(binary, tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH', `${tool} could not be started (${code})`);
  }
  return error;
}

/** Keeps the last `limit` bytes of a tool's stderr (its error messages are at the end). */
export class StderrTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit = 64 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0].length >= this.limit) {
      this.size -= this.chunks[0].length;
      this.chunks.shift();
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8').trim();
  }
}
