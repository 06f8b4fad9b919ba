import { DatasetError } from '../errors';

/** Anything that stops `datasets download`. Messages name the URL or file and what to do next. */
export class DownloadError extends DatasetError {
  override name = 'DownloadError';
}

/** The server answered with an HTTP error status (4xx, or 5xx after the retries). */
export class HttpStatusError extends DownloadError {
  override name = 'HttpStatusError';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    hint: string,
  ) {
    super(`${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}. ${hint}`);
  }

  /** 4xx other than 408 (timeout) and 429 (too many requests) will not change by asking again. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/** The connection failed, stalled or closed early on every attempt. */
export class DownloadNetworkError extends DownloadError {
  override name = 'DownloadNetworkError';
  constructor(
    readonly url: string,
    readonly attempts: number,
    readonly lastError: Error,
    readonly partFile: string,
  ) {
    super(
      `${url}: ${lastError.message} (${attempts} attempt${attempts === 1 ? '' : 's'}). What arrived is kept in ${partFile}; run the same command again to resume from there.`,
    );
  }
}

/** A downloaded archive whose digest is not the recorded one. It is kept aside, never extracted. */
export class ChecksumMismatchError extends DownloadError {
  override name = 'ChecksumMismatchError';
  constructor(
    readonly file: string,
    readonly keptAt: string,
    readonly algorithm: string,
    readonly expected: string,
    readonly actual: string,
    readonly url: string | undefined,
  ) {
    super(
      `${file}: ${algorithm} ${actual}, but the table records ${expected}: not the published archive${url ? ` (from ${url})` : ''}. ` +
        `Nothing was extracted; the file was moved to ${keptAt} (delete it when done looking). Run again to download afresh, or check --mirror.`,
    );
  }
}

/** The server announced a size other than the recorded one: the wrong file (or a web page) is coming. */
export class SizeMismatchError extends DownloadError {
  override name = 'SizeMismatchError';
  constructor(
    readonly url: string,
    readonly expected: number,
    readonly announced: number,
  ) {
    super(
      `${url}: the server announces ${announced.toLocaleString('en')} bytes, the table records ${expected.toLocaleString('en')}: not the published archive. Nothing was downloaded; check the URL or --mirror.`,
    );
  }
}

/** The server sent something that is not the archive (an HTML page: a login, a quota notice). */
export class UnexpectedContentError extends DownloadError {
  override name = 'UnexpectedContentError';
  constructor(
    readonly url: string,
    readonly contentType: string,
    hint: string,
  ) {
    super(`${url}: the server sent ${contentType}, not the archive. ${hint}`);
  }
}

/** An archive entry that would land outside the folder it is extracted into. */
export class UnsafeArchiveEntryError extends DownloadError {
  override name = 'UnsafeArchiveEntryError';
  constructor(
    readonly archive: string,
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`${archive}: refused entry '${entry}' (${reason}). Nothing from this archive was installed; it is not a well-formed copy of the data set.`);
  }
}

/** The set cannot be fetched automatically (no URL) or its folder holds something in the way. */
export class DownloadSetupError extends DownloadError {
  override name = 'DownloadSetupError';
}
