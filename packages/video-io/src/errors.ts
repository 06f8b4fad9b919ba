/**
 * Typed errors of @vpixmix/video-io. Every failure about a file is a `MediaFileError` with a
 * `kind`, the `file` it concerns and, where ffmpeg/ffprobe/a decoder said something, its own
 * words in `toolMessage`; a dataset reader catches `MediaFileError`, skips the file and counts
 * `kind`s. Bad arguments are a `VideoIoArgumentError` (a programming error, not a bad file).
 */
export type MediaErrorKind =
  | 'missing'
  | 'not-a-video'
  | 'not-an-image'
  | 'corrupt'
  | 'zero-frames'
  | 'too-short'
  | 'ffmpeg-missing'
  | 'ffmpeg-failed';

export abstract class MediaFileError extends Error {
  abstract readonly kind: MediaErrorKind;
  constructor(
    readonly file: string,
    what: string,
    readonly toolMessage = '',
  ) {
    super(`${file}: ${what}${toolMessage ? `\n  ffmpeg/decoder said: ${indent(toolMessage)}` : ''}`);
  }
}

function indent(text: string): string {
  return text.trim().split('\n').slice(-12).join('\n    ');
}

export class FileMissingError extends MediaFileError {
  override name = 'FileMissingError';
  readonly kind = 'missing';
  constructor(file: string, detail = 'no such file; check the path') {
    super(file, detail);
  }
}

export class NotAVideoError extends MediaFileError {
  override name = 'NotAVideoError';
  readonly kind = 'not-a-video';
  constructor(file: string, detail: string, toolMessage = '') {
    super(file, `${detail}; skip it or convert it to a video format ffmpeg reads (mp4, mkv, avi, webm)`, toolMessage);
  }
}

export class NotAnImageError extends MediaFileError {
  override name = 'NotAnImageError';
  readonly kind = 'not-an-image';
  constructor(file: string, detail: string, toolMessage = '') {
    super(file, `${detail}; convert it to PNG or JPEG`, toolMessage);
  }
}

/** Truncated or otherwise damaged: the container or stream is recognisable but cannot be read in full. */
export class CorruptMediaError extends MediaFileError {
  override name = 'CorruptMediaError';
  readonly kind = 'corrupt';
  constructor(file: string, detail: string, toolMessage = '') {
    super(file, `${detail}; the file is truncated or corrupt, re-download or re-encode it`, toolMessage);
  }
}

export class ZeroFramesError extends MediaFileError {
  override name = 'ZeroFramesError';
  readonly kind = 'zero-frames';
  constructor(file: string, detail = 'the video holds no frames', toolMessage = '') {
    super(file, `${detail}; skip it`, toolMessage);
  }
}

/** The video is readable but has fewer frames than the clip asks for. */
export class VideoTooShortError extends MediaFileError {
  override name = 'VideoTooShortError';
  readonly kind = 'too-short';
  constructor(
    file: string,
    readonly needed: number,
    readonly available: number,
  ) {
    super(
      file,
      `a clip needs frames up to index ${needed - 1} but the video has ${available}; ` +
        `use fewer frames or a smaller stride, or pass short: 'loop' | 'last'`,
    );
  }
}

/** The ffmpeg or ffprobe binary is absent or not executable; `file` is the binary's path. */
export class FfmpegMissingError extends MediaFileError {
  override name = 'FfmpegMissingError';
  readonly kind = 'ffmpeg-missing';
  constructor(binaryPath: string, envVar: string, detail: string) {
    super(
      binaryPath,
      `${detail}. Run \`npm ci\` (it installs @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe) ` +
        `or set ${envVar} to a working binary`,
    );
  }
}

/** ffmpeg failed for a reason not about the input file (bad encoder settings, disk full, ...). */
export class FfmpegFailedError extends MediaFileError {
  override name = 'FfmpegFailedError';
  readonly kind = 'ffmpeg-failed';
  constructor(file: string, detail: string, toolMessage = '') {
    super(file, detail, toolMessage);
  }
}

/** An option outside what a function accepts; the message names it and what it accepts. */
export class VideoIoArgumentError extends RangeError {
  override name = 'VideoIoArgumentError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}
