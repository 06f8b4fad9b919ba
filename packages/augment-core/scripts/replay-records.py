#!/usr/bin/python3
"""Replays pixmix-records.ts's records with the reference's functions and reports the largest
difference from our outputs (float32 rounding is expected, nothing more)."""
import json, sys
import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image, ImageOps, ImageEnhance

cases = json.load(open(sys.argv[1]))
to_tensor = T.ToTensor()


def apply(im, rec, size):
    op, p = rec['op'], rec['params']
    aff = lambda c: im.transform((size, size), Image.AFFINE, c, resample=Image.BILINEAR)
    if op == 'autocontrast': return ImageOps.autocontrast(im)
    if op == 'equalize': return ImageOps.equalize(im)
    if op == 'posterize': return ImageOps.posterize(im, p['bits'])
    if op == 'solarize': return ImageOps.solarize(im, p['threshold'])
    if op == 'rotate': return im.rotate(p['degrees'], resample=Image.BILINEAR)
    if op == 'shear_x': return aff((1, p['shear'], 0, 0, 1, 0))
    if op == 'shear_y': return aff((1, 0, 0, p['shear'], 1, 0))
    if op == 'translate_x': return aff((1, 0, p['pixels'], 0, 1, 0))
    if op == 'translate_y': return aff((1, 0, 0, 0, 1, p['pixels']))
    enhancer = {'color': ImageEnhance.Color, 'contrast': ImageEnhance.Contrast,
                'brightness': ImageEnhance.Brightness, 'sharpness': ImageEnhance.Sharpness}[op]
    return enhancer(im).enhance(p['factor'])


# The reference's mixings (pixmix_utils.py), given the drawn (a, b).
def add(i1, i2, a, b):
    i1, i2 = i1 * 2 - 1, i2 * 2 - 1
    return (a * i1 + b * i2 + 1) / 2


def multiply(i1, i2, a, b):
    i1, i2 = i1 * 2, i2 * 2
    return (i1 ** a) * (i2.clip(1e-37) ** b) / 2


worst = 0.0
for c in cases:
    s = c['size']
    orig = Image.fromarray(np.array(c['img'], dtype=np.uint8).reshape(s, s, 3))
    if c['mixFloat']:
        mixing = torch.tensor(np.array(c['mix'], dtype=np.float32).reshape(s, s, 3)).permute(2, 0, 1)
    else:
        mixing = to_tensor(Image.fromarray(np.array(c['mix'], dtype=np.uint8).reshape(s, s, 3)))
    rec = c['record']
    mixed = to_tensor(apply(orig.copy(), rec['base'], s)) if rec['base'] else to_tensor(orig)
    for r in rec['rounds']:
        partner = mixing if r['partner'] == 'mixing' else to_tensor(apply(orig.copy(), r['partner'], s))
        a, b = np.float32(r['a']), np.float32(r['b'])
        mixed = torch.clip((add if r['mixing'] == 'add' else multiply)(mixed, partner, a, b), 0, 1)
    ours = torch.tensor(np.array(c['result'], dtype=np.float32).reshape(s, s, 3)).permute(2, 0, 1)
    worst = max(worst, (ours - mixed).abs().max().item())
print(f'{len(cases)} records: max |ours - reference| = {worst:.3g} ({worst * 255:.3g} of an 8-bit level)')
sys.exit(0 if worst < 1e-4 else 1)
