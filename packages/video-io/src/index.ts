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
export { type ToolName, toolPath, ffmpegPath, ffprobePath } from './ffmpeg/binaries';
export { type FrameRate, parseRate, toRate, rateValue } from './video/frame-rate';
export { type FrameSize, type Interpolation, INTERPOLATIONS, resolveFrameSize } from './video/frame-size';
export { type VideoInfo, type ProbeOptions, probe } from './video/probe';
export { type VideoFrame, type FrameOptions, type DecodeOptions } from './video/decode-frames';
export { type CachedDecodeOptions, decodeFrames } from './video/decode';
export { type ReadClipOptions, type VideoClip, readClip, clipIndices } from './video/read-clip';
export { type VideoCodec, type EncodeClipOptions, encodeClip } from './video/encode-clip';
export { type TestVideoOptions, writeTestVideo } from './video/test-video';
export { DecodedClipCache, defaultCacheDir } from './cache/clip-cache';
export { CachedVideo } from './cache/cached-video';
