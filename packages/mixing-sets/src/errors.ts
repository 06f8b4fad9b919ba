/** An option outside what a mixing source or generator accepts; the message names it and the allowed range. */
export class MixingArgumentError extends RangeError {
  override name = 'MixingArgumentError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/** A folder that cannot serve as a mixing set: missing, unreadable, empty, or without one readable picture. */
export class MixingFolderError extends Error {
  override name = 'MixingFolderError';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

/** A picture smaller than the size it must be cropped to (the reference would upscale it into a blur). */
export class MixingPictureTooSmallError extends Error {
  override name = 'MixingPictureTooSmallError';
  constructor(
    readonly file: string,
    readonly pictureSize: { width: number; height: number },
    readonly required: number,
    /** Further pictures that are too small as well. */
    readonly others = 0,
    remedy = "or let such pictures be upscaled or skipped (tooSmall: 'upscale' | 'skip')",
  ) {
    super(
      `${file} is ${pictureSize.width}x${pictureSize.height}, smaller than the ${required}px the mixing pictures are cropped to` +
        `${others > 0 ? ` (and ${others} more picture(s) are too)` : ''}; ` +
        `use pictures whose shorter side is at least ${required}px, ${remedy}.`,
    );
  }
}

/** A cached mixing set whose manifest is missing, malformed, or does not match what was asked for. */
export class MixingCacheError extends Error {
  override name = 'MixingCacheError';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

/** A video whose frames cannot serve as a mixing set. */
export class MixingVideoError extends Error {
  override name = 'MixingVideoError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
