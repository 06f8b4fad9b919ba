"""FractalDB's random IFS search, as its param_search/ifs_search.py does it, for `vpixmix bench fractals`.

Per candidate: randint(2, 8) maps, 6 coefficients U(-1, 1), probabilities |ad - bc| / sum; a
100,000-point chaos game in a Python loop from (0, 0); points rescaled into a 512x512 raster with a
6-pixel margin; accepted when the share of non-zero pixels is >= 0.2. (The original drops NaN rows and
draws with OpenCV; here a diverging orbit is rejected and the raster is numpy, which changes nothing
about the cost.) Runs for about SECONDS (whole candidates) and prints one JSON line: candidates tried,
accepted fractals, seconds, candidates per second. One accepted fractal costs ~45 candidates on average,
so fractals/s is best estimated as candidates/s over the mean candidates per acceptance.

Usage: python3 fractals-reference.py SECONDS [SEED]
"""
import json
import sys
import time

import numpy as np


def chaos_game(params, points):
    cumulative = np.cumsum(params[:, 6])
    rand = np.random.random(points)
    xs = [0.0]
    ys = [0.0]
    x = y = 0.0
    for i in range(points - 1):
        for j in range(len(cumulative)):
            if rand[i] <= cumulative[j]:
                a, b, c, d, e, f, _ = params[j]
                x, y = x * a + y * b + e, x * c + y * d + f
                break
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)


def filling_rate(xs, ys, size=512, pad=6):
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        return 0.0
    span_x = xs.max() - xs.min()
    span_y = ys.max() - ys.min()
    if span_x <= 0 or span_y <= 0:
        return 0.0
    px = ((xs - xs.min()) / span_x * (size - 2 * pad - 1) + pad).astype(np.int64)
    py = ((ys - ys.min()) / span_y * (size - 2 * pad - 1) + pad).astype(np.int64)
    image = np.zeros((size, size), dtype=np.uint8)
    image[py, px] = 127
    return np.count_nonzero(image) / float(size * size)


def main():
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    np.random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    accepted = 0
    candidates = 0
    start = time.perf_counter()
    with np.errstate(over='ignore', invalid='ignore'):
        while candidates == 0 or time.perf_counter() - start < budget:
            candidates += 1
            n = np.random.randint(2, 8)
            params = np.zeros((n, 7))
            params[:, :6] = np.random.uniform(-1.0, 1.0, (n, 6))
            params[:, 6] = np.abs(params[:, 0] * params[:, 3] - params[:, 1] * params[:, 2])
            params[:, 6] /= params[:, 6].sum()
            xs, ys = chaos_game(params, 100_000)
            if filling_rate(xs, ys) >= 0.2:
                accepted += 1
    seconds = time.perf_counter() - start
    print(json.dumps({'candidates': candidates, 'fractals': accepted, 'seconds': seconds, 'candidatesPerSecond': candidates / seconds}))


if __name__ == '__main__':
    main()
