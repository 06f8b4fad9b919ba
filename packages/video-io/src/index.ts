// The public surface of @vpixmix/video-io. Everything another package may import is exported here.
export {
  type MediaErrorKind,
  MediaFileError,
  FileMissingError,
  NotAVideoError,
  NotAnImageError,
  CorruptMediaError,
  ZeroFramesError,
  VideoTooShortError,
  FfmpegMissingError,
  FfmpegFailedError,
  VideoIoArgumentError,
} from './errors';
export { type ReadImageOptions, type WritePngOptions, decodePng, encodePng, readPng, writePng, isPng } from './image/png';
export { type DecodeJpegOptions, decodeJpeg, isJpeg } from './image/jpeg';
export { type ImageFormat, type DecodeImageOptions, sniffImageFormat, decodeImage, readImageFile } from './image/image-file';
export { type GifOptions, encodeGif, writeGif } from './image/gif';
export { type Rgb, enlarge } from './image/pixels';
export { writeFileAtomic } from './atomic-write';
