import fs from 'node:fs';
import type http from 'node:http';
import { DownloadNetworkError, HttpStatusError, SizeMismatchError, UnexpectedContentError } from './errors';
import { type GetOptions, StalledError, openGet } from './http-get';

export interface FetchProgress {
  readonly file: string;
  /** Bytes on disk so far, resumed ones included. */
  readonly received: number;
  /** The whole file's size, when known. */
  readonly total?: number;
  /** Bytes received by this run (what the rate is measured on). */
  readonly sessionBytes: number;
  readonly elapsedMs: number;
}

export interface FetchOptions extends Omit<GetOptions, 'headers'> {
  /** Failed attempts in a row, without a byte of progress, before giving up (default 5). */
  readonly retries?: number;
  /** First wait before a retry; doubles each time, up to `maxBackoffMs` (defaults 1 s, 30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** The recorded size: a server announcing another one is refused before any byte is saved. */
  readonly expectedBytes?: number;
  readonly onProgress?: (progress: FetchProgress) => void;
  /** One-line notes: resuming, retrying, starting over. */
  readonly onNote?: (note: string) => void;
  /** Stops the download (what arrived stays in the part file, to resume from). */
  readonly signal?: AbortSignal;
}

interface PartMeta {
  url: string;
  etag?: string;
  lastModified?: string;
  total?: number;
}

/**
 * Appends (or writes) the response body to `part`. When the body fails midway (a cut, a
 * stall, an abort), every byte already received is still written before the error is
 * passed on: the part file always holds all that arrived, and nothing lands after.
 */
const MAX_BACKLOG = 32 << 20;

function saveBody(response: http.IncomingMessage, part: string, from: number, idleMs: number, onChunk: (chunk: Buffer, received: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(part, { flags: from > 0 ? 'a' : 'w' });
    let received = from;
    let failure: Error | undefined;
    let finished = false;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => response.destroy(new StalledError(`no data for ${idleMs / 1000} s`)), idleMs);
    };
    const finish = (error?: Error) => {
      failure ??= error;
      if (finished) return;
      finished = true;
      clearTimeout(idle);
      out.end(() => (failure ? reject(failure) : resolve()));
    };
    out.on('error', (error) => {
      response.destroy();
      clearTimeout(idle);
      reject(error);
    });
    response.on('data', (chunk: Buffer) => {
      armIdle();
      received += chunk.length;
      out.write(chunk);
      // Pause only on a large backlog: what sits unread in a paused response is dropped when
      // the connection is cut, and would have to be fetched again.
      if (out.writableLength > MAX_BACKLOG && !response.isPaused()) {
        response.pause();
        out.once('drain', () => response.resume());
      }
      onChunk(chunk, received);
    });
    response.on('end', () => finish());
    const broke = (why: string) => new Error(`the connection broke at byte ${received.toLocaleString('en')} (${why})`);
    response.on('error', (error) => finish(error instanceof StalledError || error.message === 'interrupted' ? error : broke(error.message)));
    response.on('close', () => finish(response.complete ? undefined : broke('closed early')));
    armIdle();
  });
}

/** Thrown inside an attempt when the server will not continue where the part file ends. */
class RestartError extends Error {}

const readMeta = (file: string): PartMeta | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PartMeta;
  } catch {
    return undefined;
  }
};

const sizeOf = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusHint(status: number): string {
  if (status === 404 || status === 410) return 'The file is not at that address: check --mirror, or the URL in the data set table.';
  if (status === 401 || status === 403) return 'The server refuses access (a login, a quota, or a blocked proxy).';
  if (status >= 500) return 'The server failed; try again later or use --mirror.';
  return 'Check the URL or --mirror.';
}

/** The total size a 206 or 200 answer announces, and where a 206 starts. */
function announced(response: http.IncomingMessage): { start: number; total?: number } {
  if (response.statusCode === 206) {
    const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers['content-range'] ?? '');
    if (!match) throw new RestartError('the server answered a range request without a usable Content-Range');
    return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
  }
  const length = response.headers['content-length'];
  return { start: 0, total: length === undefined ? undefined : Number(length) };
}

/**
 * Streams `url` to `dest`, resumable: bytes go to `<dest>.part` (with `<dest>.part.json`
 * remembering the URL and validator), a later call continues with an HTTP Range request,
 * and the file is renamed to `dest` only once complete. Network failures, stalls and 5xx
 * answers are retried with exponential backoff; the failure count resets whenever an attempt
 * brought bytes, so a long download survives any number of cuts that each make progress.
 */
export async function fetchToFile(url: string, dest: string, options: FetchOptions = {}): Promise<{ bytes: number; resumedFrom: number }> {
  const part = `${dest}.part`;
  const metaFile = `${part}.json`;
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const started = Date.now();
  let sessionBytes = 0;
  let failures = 0;
  let firstOffset: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const meta = readMeta(metaFile);
    let offset = sizeOf(part);
    if (offset > 0 && meta?.url !== url) {
      options.onNote?.(`${part} came from another address; starting over`);
      offset = 0;
    }
    if (offset > 0 && meta?.total !== undefined && offset === meta.total) {
      firstOffset ??= offset;
      break;
    }
    firstOffset ??= offset;
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      const validator = meta?.etag && !meta.etag.startsWith('W/') ? meta.etag : meta?.lastModified;
      if (validator) headers['if-range'] = validator;
      options.onNote?.(`resuming at byte ${offset.toLocaleString('en')}`);
    }
    let broughtBytes = false;
    let retryAfterMs: number | undefined;
    try {
      options.signal?.throwIfAborted();
      const { response } = await openGet(url, { ...options, headers });
      const status = response.statusCode ?? 0;
      if (status === 416 && offset > 0) {
        response.resume();
        const total = Number(/\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1] ?? Number.NaN);
        if (total === offset) break;
        throw new RestartError(`the server has ${Number.isNaN(total) ? 'another size' : `${total.toLocaleString('en')} bytes`}, the part file ${offset.toLocaleString('en')}`);
      }
      if (status !== 200 && status !== 206) {
        response.resume();
        const retryAfter = Number(response.headers['retry-after']);
        if (Number.isFinite(retryAfter)) retryAfterMs = retryAfter * 1000;
        throw new HttpStatusError(url, status, response.statusMessage ?? '', statusHint(status));
      }
      const contentType = String(response.headers['content-type'] ?? '');
      if (/^text\/html/i.test(contentType)) {
        response.resume();
        throw new UnexpectedContentError(url, contentType, 'A web page came instead (a login, a quota notice or a virus-scan warning): open the URL in a browser, or use --mirror.');
      }
      let start: number;
      let total: number | undefined;
      try {
        ({ start, total } = announced(response));
      } catch (error) {
        response.resume();
        throw error;
      }
      if (status === 200 && offset > 0) options.onNote?.('the server sent the whole file instead of the rest; starting over');
      if (status === 206 && start !== offset) {
        response.resume();
        throw new RestartError(`the server resumed at byte ${start}, not ${offset}`);
      }
      if (options.expectedBytes !== undefined && total !== undefined && total !== options.expectedBytes) {
        response.resume();
        throw new SizeMismatchError(url, options.expectedBytes, total);
      }
      const writeFrom = status === 206 ? offset : 0;
      fs.writeFileSync(metaFile, JSON.stringify({ url, etag: response.headers.etag, lastModified: response.headers['last-modified'], total } satisfies PartMeta));
      const onChunk = (chunk: Buffer, received: number) => {
        sessionBytes += chunk.length;
        broughtBytes = true;
        options.onProgress?.({ file: dest, received, total, sessionBytes, elapsedMs: Date.now() - started });
      };
      const abort = () => response.destroy(new Error('interrupted'));
      options.signal?.addEventListener('abort', abort, { once: true });
      try {
        await saveBody(response, part, writeFrom, idleMs, onChunk);
      } finally {
        options.signal?.removeEventListener('abort', abort);
      }
      const onDisk = sizeOf(part);
      if (total !== undefined && onDisk < total) throw new Error(`the connection closed at ${onDisk.toLocaleString('en')} of ${total.toLocaleString('en')} bytes`);
      if (total !== undefined && onDisk > total) throw new RestartError(`${part} holds more bytes than the file has`);
      break;
    } catch (error) {
      if (options.signal?.aborted) throw new DownloadNetworkError(url, attempt, new Error('interrupted'), part);
      if (error instanceof SizeMismatchError || error instanceof UnexpectedContentError) throw error;
      if (error instanceof HttpStatusError && !error.retryable) throw error;
      if (error instanceof RestartError) {
        options.onNote?.(`${error.message}; starting over`);
        fs.rmSync(part, { force: true });
        fs.rmSync(metaFile, { force: true });
      }
      failures = broughtBytes ? 0 : failures + 1;
      if (failures > retries) {
        if (error instanceof HttpStatusError) throw error;
        throw new DownloadNetworkError(url, attempt, error as Error, part);
      }
      const wait = Math.min(maxBackoff, retryAfterMs ?? backoff * 2 ** Math.max(0, failures - 1));
      options.onNote?.(`${(error as Error).message}; retrying in ${(wait / 1000).toFixed(wait < 1000 ? 2 : 0)} s (attempt ${attempt + 1})`);
      await sleep(wait);
    }
  }
  fs.renameSync(part, dest);
  fs.rmSync(metaFile, { force: true });
  return { bytes: sizeOf(dest), resumedFrom: firstOffset ?? 0 };
}
