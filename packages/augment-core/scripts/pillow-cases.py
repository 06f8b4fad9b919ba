#!/usr/bin/python3
"""Random cases of every PixMix op from the installed Pillow, for check-ops-against-pillow.ts.

    /usr/bin/python3 packages/augment-core/scripts/pillow-cases.py OUT.json [N]

Sizes from 3x3 to 40x33, random / low-contrast / gradient content, every parameter range the
ops accept (rotations of any angle, fractional translations, extrapolating enhance factors).
"""
import json, sys
import numpy as np
from PIL import Image, ImageOps, ImageEnhance, __version__

out_file = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = np.random.RandomState(5)


def aff(im, c):
    return im.transform(im.size, Image.AFFINE, c, resample=Image.BILINEAR)


ops = {
    'autocontrast': lambda im, p: ImageOps.autocontrast(im),
    'equalize': lambda im, p: ImageOps.equalize(im),
    'posterize': lambda im, p: ImageOps.posterize(im, int(p)),
    'solarize': lambda im, p: ImageOps.solarize(im, p),
    'rotate': lambda im, p: im.rotate(p, resample=Image.BILINEAR),
    'shear_x': lambda im, p: aff(im, (1, p, 0, 0, 1, 0)),
    'shear_y': lambda im, p: aff(im, (1, 0, 0, p, 1, 0)),
    'translate_x': lambda im, p: aff(im, (1, 0, p, 0, 1, 0)),
    'translate_y': lambda im, p: aff(im, (1, 0, 0, 0, 1, p)),
    'color': lambda im, p: ImageEnhance.Color(im).enhance(p),
    'contrast': lambda im, p: ImageEnhance.Contrast(im).enhance(p),
    'brightness': lambda im, p: ImageEnhance.Brightness(im).enhance(p),
    'sharpness': lambda im, p: ImageEnhance.Sharpness(im).enhance(p),
}
names = list(ops)
cases = []
for i in range(count):
    name = names[i % len(names)]
    w = int(rng.choice([3, 5, 17, 32, 40]))
    h = int(rng.choice([3, 6, 32, 33]))
    kind = rng.randint(3)
    if kind == 0:
        arr = rng.randint(0, 256, (h, w, 3)).astype(np.uint8)
    elif kind == 1:
        arr = rng.randint(60, 90, (h, w, 3)).astype(np.uint8)
    else:
        yy, xx = np.mgrid[0:h, 0:w]
        arr = np.stack([xx * 255 // max(w - 1, 1), yy * 255 // max(h - 1, 1), (xx + yy) * 7 % 256], -1).astype(np.uint8)
    param = {
        'posterize': rng.randint(0, 9),
        'solarize': rng.randint(0, 257),
        'rotate': float(rng.choice([rng.randint(-359, 360), rng.uniform(-40, 40)])),
        'shear_x': rng.uniform(-0.5, 0.5),
        'shear_y': rng.uniform(-0.5, 0.5),
        'translate_x': float(rng.choice([rng.randint(-20, 20), rng.uniform(-5, 5)])),
        'translate_y': float(rng.choice([rng.randint(-20, 20), rng.uniform(-5, 5)])),
    }.get(name, float(rng.uniform(0, 2.5)))
    if name in ('autocontrast', 'equalize'):
        param = None
    result = np.asarray(ops[name](Image.fromarray(arr), param))
    cases.append({'op': name, 'param': None if param is None else float(param), 'w': w, 'h': h,
                  'in': arr.flatten().tolist(), 'out': result.flatten().tolist()})
json.dump({'pillow': __version__, 'cases': cases}, open(out_file, 'w'))
print(f'{len(cases)} cases from Pillow {__version__} -> {out_file}')
