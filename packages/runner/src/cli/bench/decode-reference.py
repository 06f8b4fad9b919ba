#!/usr/bin/python3
"""Reference for `vpixmix bench decode`: PyAV (the decoder behind torchvision.io.read_video and
most Python video loaders), frame.reformat(W, H, 'rgb24', interpolation='BILINEAR').to_ndarray(),
frame threading on (thread_type AUTO), THREADS threads (default 2).
Usage: decode-reference.py VIDEO LONG_VIDEO SIZE CLIP_FRAMES REPEATS
Prints one JSON object: full-decode frames/s of VIDEO; for LONG_VIDEO, seconds to read a
CLIP_FRAMES clip at the centre by seeking (container.seek to the keyframe before, decode until
the clip's frames) and by decoding from frame 0; medians over REPEATS runs."""
import json, os, statistics, sys, time
import av

video, long_video, size, clip_frames, repeats = sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:6])
threads = int(os.environ.get('THREADS', '2'))


def open_stream(path):
    container = av.open(path)
    stream = container.streams.video[0]
    stream.thread_type = 'AUTO'
    stream.thread_count = threads
    return container, stream


def rgb(frame):
    return frame.reformat(width=size, height=size, format='rgb24', interpolation='BILINEAR').to_ndarray()


def full_decode(path):
    container, stream = open_stream(path)
    n = 0
    for frame in container.decode(stream):
        rgb(frame)
        n += 1
    container.close()
    return n


def clip(path, seek):
    container, stream = open_stream(path)
    total = stream.frames
    first = (total - clip_frames) // 2
    rate = stream.average_rate
    # pts of frame k in the stream's time base
    pts_of = lambda k: int(round(k / rate / stream.time_base)) + (stream.start_time or 0)
    if seek:
        container.seek(pts_of(first), stream=stream, backward=True, any_frame=False)
    wanted = {pts_of(k) for k in range(first, first + clip_frames)}
    got = []
    for frame in container.decode(stream):
        if frame.pts in wanted:
            got.append(rgb(frame))
            if len(got) == clip_frames:
                break
    container.close()
    assert len(got) == clip_frames, (len(got), clip_frames)
    return got


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


full = [timed(full_decode, video) for _ in range(repeats)]
frames = full[0][1]
print(json.dumps({
    'decoder': f'PyAV {av.__version__}',
    'frames': frames,
    'fullDecodeFps': frames / statistics.median(t for t, _ in full),
    'clipSeekSeconds': statistics.median(timed(clip, long_video, True)[0] for _ in range(repeats)),
    'clipFromStartSeconds': statistics.median(timed(clip, long_video, False)[0] for _ in range(repeats)),
}))
